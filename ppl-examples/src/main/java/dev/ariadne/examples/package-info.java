/** Ariadne's examples module. */
package dev.ariadne.examples;
