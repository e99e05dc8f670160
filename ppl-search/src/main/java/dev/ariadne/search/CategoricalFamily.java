package dev.ariadne.search;

import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.Support;
import java.util.Arrays;
import java.util.List;

/**
 * A categorical with free logits over the prior's finite integer support lower..upper: {@code logit[j]} is the
 * log weight of the value lower + j. For Categorical priors (of any size) and for every other integer prior with
 * at most {@value #MAX_VALUES} values (DiscreteUniform, a user's finite law). The proposal is a {@link Categorical}
 * when lower is 0, else a {@link ShiftedCategorical}.
 */
final class CategoricalFamily implements SiteFamily {

    private static final long serialVersionUID = 1L;
    static final CategoricalFamily INSTANCE = new CategoricalFamily();
    /** The largest finite support (other than a Categorical prior's) that gets one parameter per value. */
    static final int MAX_VALUES = 1024;

    private CategoricalFamily() {
    }

    @Override
    public String name() {
        return "CATEGORICAL";
    }

    @Override
    public boolean accepts(Dist prior) {
        if (prior instanceof Categorical) {
            return true;
        }
        return prior instanceof IntDist && count(prior.support()) <= MAX_VALUES;
    }

    /** The number of values of a finite integer support; Long.MAX_VALUE for any other. */
    static long count(Support s) {
        if (s.type() != Support.Type.INTEGERS || !s.isFinite()) {
            return Long.MAX_VALUE;
        }
        return (long) s.upper() - (long) s.lower() + 1;
    }

    @Override
    public int arity(Dist prior) {
        return prior instanceof Categorical c ? c.size() : (int) count(prior.support());
    }

    @Override
    public List<String> parameterNames(int arity) {
        if (arity < 1) {
            throw new IllegalArgumentException("a categorical site has at least 1 parameter, got " + arity);
        }
        String[] names = new String[arity];
        for (int j = 0; j < arity; j++) {
            names[j] = "logit[" + j + "]";
        }
        return List.of(names);
    }

    /** The prior's log masses, floored at {@link Refits#LOG_FLOOR}. */
    @Override
    public double[] initial(Dist prior) {
        IntDist d = (IntDist) prior;
        int lower = (int) prior.support().lower();
        double[] l = new double[arity(prior)];
        for (int j = 0; j < l.length; j++) {
            l[j] = Math.max(d.logMass(lower + j), Refits.LOG_FLOOR);
        }
        return l;
    }

    @Override
    public boolean reproducesPrior(Dist prior) {
        return prior instanceof Categorical;
    }

    @Override
    public Dist proposal(double[] p, int offset, Dist prior) {
        int lower = (int) prior.support().lower();
        Categorical c = Categorical.ofLogits(Arrays.copyOfRange(p, offset, offset + arity(prior)));
        return lower == 0 ? c : new ShiftedCategorical(lower, c);
    }

    /** The indicator of the value minus the softmax of the logits. */
    @Override
    public void score(double[] p, int offset, Dist prior, double x, double[] vec, double[] out) {
        int k = arity(prior);
        int lower = (int) prior.support().lower();
        Refits.softmax(p, offset, out);
        int value = (int) x - lower;
        for (int j = 0; j < k; j++) {
            out[j] = (j == value ? 1 : 0) - out[j];
        }
    }

    /** The log of each value's total weight (floored), the closed-form weighted maximum likelihood. */
    @Override
    public void refit(RefitData data, double[] p, int offset, Dist prior, double[] out) {
        int lower = (int) prior.support().lower();
        Arrays.fill(out, 0);
        for (int i = 0; i < data.size(); i++) {
            out[(int) data.x()[i] - lower] += data.weight()[i];
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.max(Math.log(Math.max(out[j], 1e-6)), Refits.LOG_FLOOR);
        }
    }

    /** The logits divided by {@code factor}: the probabilities tempered toward uniform. */
    @Override
    public void widened(double[] p, int offset, Dist prior, double factor, double[] out) {
        for (int j = 0; j < out.length; j++) {
            out[j] = p[offset + j] / factor;
        }
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
