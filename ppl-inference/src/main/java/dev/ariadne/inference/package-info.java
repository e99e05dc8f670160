/** Ariadne's inference module. */
package dev.ariadne.inference;
