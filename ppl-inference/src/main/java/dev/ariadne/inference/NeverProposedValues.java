package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Runner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of finite discrete sites that a guide gives probability 0 in every run that reaches them, though the
 * prior gives them mass: a sampler that draws only from the guide never reaches them. Importance sampling names such a
 * value through {@link UnproposedValues}; an independence kernel of MCMC, whose chains then never visit it unless
 * another kernel moves the site, needs the values themselves to look for them in its draws.
 */
public final class NeverProposedValues {

    private NeverProposedValues() {
    }

    /**
     * A value the guide never proposed.
     *
     * @param address the site's address
     * @param value   the value as its draws record it: the integer, or 1 and 0 for true and false
     * @param shown   the value as the model sees it ("1", "true")
     * @param prior   its largest prior probability over the runs that reached the site
     */
    public record Value(Address address, double value, String shown, double prior) {
    }

    /** The runs that force a value, with the prior elsewhere, to see whether the evidence allows it at all. */
    static final int FORCED_RUNS = 100;

    /**
     * The values that runs 0 to {@code runs - 1} of {@code seed} under {@code execution}'s guide never proposed at a
     * finite discrete site (proposal probability exactly 0 in every run that reached it), where the prior gives them
     * positive probability; a whole-run defensive mixture, which draws every value at least alpha times its prior,
     * has none. Runs that fail are skipped. A value that {@value #FORCED_RUNS} runs forcing it (the prior elsewhere)
     * reach and all give weight 0 is left out: the evidence rules it out, and a guide is right never to propose it.
     */
    public static <T> List<Value> of(Execution<T> execution, long seed, int runs) {
        Runner<T> runner = execution.runner();
        Map<String, UnproposedValues.Seen> seen = new LinkedHashMap<>();
        FirstRuns.visit(runner, seed, runs, s -> UnproposedValues.tally(s, runner.defensiveAlpha(),
                p -> UnproposedValues.valueCount(p) == 0, seen)); // finite supports only
        List<Value> out = new ArrayList<>();
        int c = 0;
        for (UnproposedValues.Seen v : seen.values()) {
            if (!(v.prior > 0) || v.proposed != 0) {
                continue;
            }
            UnproposedValues.Forced f = UnproposedValues.forced(execution, false,
                    seed ^ (0x9E3779B97F4A7C15L * (++c)), v.address, v.bool, v.value, FORCED_RUNS);
            if (f.reached() == 0 || f.hit()) {
                out.add(new Value(v.address, v.value, v.bool ? Boolean.toString(v.value == 1)
                        : Integer.toString(v.value), v.prior));
            }
        }
        return out;
    }
}
