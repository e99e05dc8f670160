package dev.ariadne.inference.mcmc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The summary table of an MCMC run: one {@link SummaryRow} per quantity, in ArviZ 0.x's columns, so a run can be
 * set beside the same model's run in PyMC or NumPyro. {@link #table()} prints it as ArviZ does (three decimals,
 * ESS as whole numbers), with R-hat to three decimals.
 */
public final class Summary {

    /** ArviZ's column names, in order. */
    public static final List<String> COLUMNS = List.of("mean", "sd", "hdi_3%", "hdi_97%", "mcse_mean", "mcse_sd",
            "ess_bulk", "ess_tail", "r_hat");

    private final List<SummaryRow> rows;
    /**
     * The rows by name, the first of each: found by a scan, a run of 60,000 choices took 101 s for its verdicts, which
     * look up every row (an adversarial tester).
     */
    private final Map<String, SummaryRow> byName = new HashMap<>();

    Summary(List<SummaryRow> rows) {
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
        for (SummaryRow r : this.rows) {
            byName.putIfAbsent(r.name(), r);
        }
    }

    /** The rows, in the order the quantities first appeared. */
    public List<SummaryRow> rows() {
        return rows;
    }

    /** The row of the named quantity, if it was summarised. */
    public Optional<SummaryRow> row(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The table, one line per quantity (with the share of draws it exists in where that is below 1). */
    public String table() {
        int width = 8;
        for (SummaryRow r : rows) {
            width = Math.max(width, r.name().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + width + "s", ""));
        for (String c : COLUMNS) {
            sb.append(String.format(Locale.ROOT, " %10s", c));
        }
        sb.append(System.lineSeparator());
        for (SummaryRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %10s %10s %10s %10s %10s %10s %10.0f %10.0f %10.3f",
                    r.name(), cell(r.mean()), cell(r.sd()), cell(r.hdi3()), cell(r.hdi97()), cell(r.mcseMean()),
                    cell(r.mcseSd()), r.essBulk(), r.essTail(), r.rHat()));
            if (r.presence() < 1) {
                sb.append(String.format(Locale.ROOT, "   (exists in %.0f%% of draws)", 100 * r.presence()));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /**
     * A value of the table: three decimals from 0.01 to 10^5 (and 0), else four significant digits in scientific
     * form, so that a quantity in units of 10^-9 or 10^9, or an mcse of 3e-4, is not printed as 0.000 or past its
     * column.
     */
    static String cell(double x) {
        double a = Math.abs(x);
        return a == 0 || (a >= 0.01 && a < 1e5) || !Double.isFinite(x) ? String.format(Locale.ROOT, "%.3f", x)
                : String.format(Locale.ROOT, "%.3e", x);
    }

    @Override
    public String toString() {
        return table();
    }
}
