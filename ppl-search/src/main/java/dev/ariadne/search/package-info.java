/**
 * Guide search: parameterised guide families ({@link dev.ariadne.search.GuideFamily}), objectives (free energy,
 * inclusive KL, chi-square), strategies (score-function gradient with Adam, CMA-ES and BOBYQA on common random
 * numbers, the cross-entropy method, hill climbing), {@link dev.ariadne.search.GuideSearch} with its history and
 * its certification on fresh runs, and JSON guide files ({@link dev.ariadne.search.GuideFile}).
 */
package dev.ariadne.search;
