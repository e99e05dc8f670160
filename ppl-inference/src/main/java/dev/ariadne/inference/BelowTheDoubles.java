package dev.ariadne.inference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The real choices whose values fall below {@link Double#MIN_NORMAL} in magnitude (but not at 0) in
 * {@link #SHARE} of the posterior's weight or more, as a chain's draws or a sweep's final particles hold it. The
 * doubles lose precision there and end at 4.9e-324, so a Markov chain that moves such a choice cannot hold the mass a
 * posterior keeps at or below the smallest double: x ~ Gamma(0.001, 1) under one Poisson count has half its posterior
 * below it, and MCMC read P(x &lt; 1e-300 | e) 0.05 against 0.50 with "no problem found", annealed SMC, whose
 * particles such chains move, 0.33 (outside statisticians). A vague Gamma(0.001, 0.001) prior whose posterior lies
 * far from 0 has no values there and is not named. One rule and one message for MCMC's verdicts and SMC's.
 */
public final class BelowTheDoubles implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The least share of a choice's weight below {@link Double#MIN_NORMAL} for it to be named. */
    public static final double SHARE = 0.01;
    /** The fewest values below {@link Double#MIN_NORMAL} for a choice to be named. */
    static final int FEWEST = 10;

    /** By choice (its name, or its address): the weight of its values, of those below, their count, the least. */
    private final Map<Object, double[]> byChoice = new LinkedHashMap<>();

    /** Whether {@code x} lies strictly between 0 and the smallest normal double in magnitude. */
    public static boolean isBelow(double x) {
        double a = Math.abs(x);
        return a > 0 && a < Double.MIN_NORMAL;
    }

    /**
     * Counts a finite value {@code x} of the choice {@code choice} (a name, or an address, printed as the verdict
     * names it), from a chain's draw (weight 1) or a particle (its normalised weight).
     */
    public void add(Object choice, double x, double weight) {
        count(counts(choice), x, weight);
    }

    /** Counts every finite value of {@code values}, a chain's draws of the choice {@code choice}, at weight 1. */
    public void addDraws(Object choice, double[] values) {
        double[] c = counts(choice);
        for (double x : values) {
            if (Double.isFinite(x)) {
                count(c, x, 1);
            }
        }
    }

    private double[] counts(Object choice) {
        return byChoice.computeIfAbsent(choice, n -> new double[] {0, 0, 0, Double.POSITIVE_INFINITY});
    }

    private static void count(double[] c, double x, double weight) {
        c[0] += weight;
        if (isBelow(x)) {
            c[1] += weight;
            c[2]++;
            c[3] = Math.min(c[3], Math.abs(x));
        }
    }

    /** Adds what {@code other} counted. */
    public void addAll(BelowTheDoubles other) {
        other.byChoice.forEach((choice, o) -> {
            double[] c = counts(choice);
            c[0] += o[0];
            c[1] += o[1];
            c[2] += o[2];
            c[3] = Math.min(c[3], o[3]);
        });
    }

    /**
     * The verdict on the choices with at least {@link #FEWEST} values below the smallest normal double and
     * {@link #SHARE} of the weight; empty if none. {@code values} names what was counted ("draws"), and
     * {@code holders} what moves the choices ("the chains").
     */
    public Optional<String> verdict(String values, String holders) {
        List<String> low = new ArrayList<>();
        byChoice.forEach((choice, c) -> {
            if (c[2] >= FEWEST && c[1] >= SHARE * c[0]) {
                low.add(String.format(Locale.ROOT, "%s (%.3g%% of its %s, the least %.3g)", choice,
                        100.0 * c[1] / c[0], values, c[3]));
            }
        });
        if (low.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values + " below 2.2e-308, where the doubles lose precision and end at 4.9e-324: "
                + ShortList.of(low) + "; where the posterior holds mass at or below the smallest double " + holders
                + " cannot hold it, and figures that read the choice's scale there (log x, P(x < 1e-300)) may read far "
                + "off with nothing else to show it; sample its log as the choice (with a distribution of your own "
                + "for it, x = exp(z)), or use a prior whose mass the doubles hold (a Gamma's shape of 0.01 puts "
                + "0.06% of its mass below the smallest double, 0.001 puts 47%)");
    }
}
