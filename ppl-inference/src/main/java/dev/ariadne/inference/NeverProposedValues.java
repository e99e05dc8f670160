package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Runner;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.TraceSite;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.inference.run.RunCancelledException;
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

    /**
     * The values that runs 0 to {@code runs - 1} of {@code seed} under {@code execution}'s guide never proposed at a
     * finite discrete site (proposal probability exactly 0 in every run that reached it), where the prior gives them
     * positive probability; a whole-run defensive mixture, which draws every value at least alpha times its prior,
     * has none. Runs that fail are skipped.
     */
    public static <T> List<Value> of(Execution<T> execution, long seed, long runs) {
        Runner<T> runner = execution.runner();
        Map<String, double[]> proposed = new LinkedHashMap<>();
        Map<String, Value> values = new LinkedHashMap<>();
        for (long i = 0; i < runs; i++) {
            try {
                runner.run(seed, i);
            } catch (RunCancelledException cancelled) {
                throw cancelled;
            } catch (RuntimeException failed) {
                continue;
            }
            double alpha = runner.defensiveAlpha();
            for (TraceSite s : runner.trace().sites()) {
                Dist p = s.prior();
                int count = s.kind() == SiteKind.LATENT ? UnproposedValues.valueCount(p) : 0;
                Dist q = s.proposal() == null ? p : s.proposal();
                for (int k = 0; k < count; k++) {
                    double prior = Math.exp(UnproposedValues.logMass(p, p, k));
                    if (!(prior > 0)) {
                        continue;
                    }
                    String key = s.address() + " = " + UnproposedValues.show(p, k);
                    double q0 = UnproposedValues.drawProbability(p, q, k, prior, alpha);
                    proposed.computeIfAbsent(key, a -> new double[1])[0] += q0;
                    Value before = values.get(key);
                    if (before == null || prior > before.prior()) {
                        values.put(key, new Value(s.address(), UnproposedValues.valueOf(p, k),
                                UnproposedValues.show(p, k), prior));
                    }
                }
            }
        }
        List<Value> out = new ArrayList<>();
        values.forEach((key, v) -> {
            if (proposed.get(key)[0] == 0) {
                out.add(v);
            }
        });
        return out;
    }
}
