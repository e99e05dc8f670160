package dev.ariadne.search;

/**
 * Thrown from inside a Commons Math objective function when the search budget is spent, to leave the optimiser
 * early; the strategy catches it and keeps the last good point. Without a stack trace, so throwing is cheap.
 */
final class BudgetSpent extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final BudgetSpent INSTANCE = new BudgetSpent();

    private BudgetSpent() {
        super("search budget spent", null, false, false);
    }
}
