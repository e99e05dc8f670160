/**
 * Rare evidence without a guide: {@link dev.ariadne.inference.rare.SubsetSimulation}, subset simulation (adaptive
 * multilevel splitting with levels fixed by a pilot sweep) over the margins a model states with
 * {@code p.condition(name, score, threshold)}, whose independent sweeps certify a lower bound on P(e) through the
 * betting confidence sequence ({@link dev.ariadne.inference.rare.SubsetResult}).
 */
package dev.ariadne.inference.rare;
