/**
 * The tour: notebook-style example programs that state a model, run inference, print a readable table, compare
 * with the exact answer where one is known and say what to notice; the command-line runner; and the plots.
 */
package dev.ariadne.examples;
