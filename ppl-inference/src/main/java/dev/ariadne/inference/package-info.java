/**
 * Guided importance sampling: the free energy of a guide, certified lower bounds on P(e) and P(h, e), conditional
 * estimates, diagnostics, posterior summaries, exact enumeration and deterministic parallel runs.
 */
package dev.ariadne.inference;
