/** Ariadne's search module. */
package dev.ariadne.search;
