package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.HalfNormal;
import dev.ariadne.core.dist.Normal;

/** The 20-group hierarchical model "hier20" of the shared ground-truth table, centred, with its exact answers. */
final class Hier20 {

    private Hier20() {
    }

    static final double[] Y = {2.8, 5.28, 0.66, -1.51, 3.5, 5.14, 0.45, -0.19, 3.78, 2.92, -0.29, 2.27, 4.95, 0.92,
        -1.44, 3.44, 5.44, 0.48, -0.8, 3.61};

    /** mu ~ N(0, 5); tau ~ HalfNormal(5); theta_j ~ N(mu, tau); y_j ~ N(theta_j, s_j), s_j = 1 + 0.5 (j mod 4). */
    static final Model<Double> MODEL = p -> {
        double mu = p.sample("mu", new Normal(0, 5));
        double tau = p.sample("tau", new HalfNormal(5));
        for (int j = 0; j < Y.length; j++) {
            double theta = p.sample("theta", j, new Normal(mu, tau));
            p.observe("y", j, new Normal(theta, 1 + 0.5 * (j % 4)), Y[j]);
        }
        return tau;
    };

    static final double LOG_Z = -48.893339684643;
    static final double E_MU = 2.479842533235;
    static final double E_TAU = 1.699844749013;
    static final double P_TAU_BELOW_1 = 0.103798377914;
}
