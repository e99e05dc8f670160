/**
 * Guide search: parameterised guide families ({@link dev.ariadne.search.GuideFamily}) built from per-site families
 * ({@link dev.ariadne.search.SiteFamily}; a distribution may bring its own through
 * {@link dev.ariadne.search.HasSiteFamily}), objectives (free energy, inclusive KL, chi-square), strategies
 * ({@link dev.ariadne.search.Strategy}: score-function gradient with Adam, CMA-ES and BOBYQA on common random
 * numbers, the cross-entropy method, hill climbing, or one of your own over
 * {@link dev.ariadne.search.SearchContext}), {@link dev.ariadne.search.GuideSearch} with its history, its final
 * comparison with the starting guide and its certification on fresh runs, and JSON guide files
 * ({@link dev.ariadne.search.GuideFile}). Every builder here is immutable: a setter returns a new object.
 */
package dev.ariadne.search;
