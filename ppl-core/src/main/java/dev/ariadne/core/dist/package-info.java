/**
 * Distributions: small immutable values in five kinds (real, int, boolean, vector, object) that validate their
 * parameters on construction and compute log densities in closed form.
 */
package dev.ariadne.core.dist;
