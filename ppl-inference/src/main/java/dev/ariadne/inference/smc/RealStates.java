package dev.ariadne.inference.smc;

/** Real states held unboxed: resampling copies doubles and nothing is allocated per particle. */
final class RealStates<O> extends StateColumn<Double, O> {

    private final RealInit<O> init;
    private final RealTransition<O> step;
    private final boolean guided;
    private double[] cur;
    private double[] next;

    RealStates(int n, RealInit<O> init, RealTransition<O> step, boolean guided) {
        super(n);
        this.init = init;
        this.step = step;
        this.guided = guided;
        this.cur = new double[n];
        this.next = new double[n];
    }

    @Override
    void propagate(int t, int[] a, double[] logW, StepView<Double, O> view, O y) {
        double[] from = cur;
        double[] to = next;
        Particle p = view.particle;
        view.observation = y;
        if (t == 0) {
            view.previousReal = Double.NaN;
            for (int i = 0; i < n; i++) {
                p.begin(0, i);
                double x = init.init(p, y);
                to[i] = x;
                logW[i] += p.logWeight;
                if (x - x != 0) { // NaN or an infinity
                    requireNumber(x, logW[i], 0, null);
                }
            }
            p.end();
            return;
        }
        for (int i = 0; i < n; i++) {
            double lw = logW[i];
            double prev = from[a[i]];
            if (lw == Double.NEGATIVE_INFINITY) {
                to[i] = prev;
                continue;
            }
            if (guided) {
                view.previousReal = prev;
            }
            p.begin(t, i);
            double x = step.step(p, prev, t, y);
            to[i] = x;
            logW[i] = lw + p.logWeight;
            if (x - x != 0) { // NaN or an infinity
                requireNumber(x, logW[i], t, prev);
            }
        }
        p.end();
    }

    @Override
    double stepOnce(int t, Object previous, StepView<Double, O> view, O y) {
        Particle p = view.particle;
        view.observation = y;
        p.begin(t, 0);
        if (t == 0) {
            view.previousReal = Double.NaN;
            init.init(p, y);
        } else {
            double prev = (Double) previous;
            view.previousReal = prev;
            step.step(p, prev, t, y);
        }
        p.end();
        return p.logWeight;
    }

    @Override
    void swap() {
        double[] c = cur;
        cur = next;
        next = c;
    }

    @Override
    Object snapshot() {
        return cur.clone();
    }

    @Override
    Double value(int i) {
        return cur[i];
    }
}
