package dev.ariadne.inference.mcmc;

import static dev.ariadne.inference.mcmc.ReplayModels.KALMAN;
import static dev.ariadne.inference.mcmc.ReplayModels.SWITCHING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Model;
import dev.ariadne.core.dist.MultivariateNormal;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * A step's replay on the engine's path ({@code Runner.replay}) against the same step through the {@link Replayer}
 * handler: two chains with the same seed, stream, kernel and start, one of them made to replay through the handler
 * only, must be in the same state, bit for bit (values, log prior of each choice, totals, return value), after every
 * step, for models of fixed structure, of changing structure (whose steps the engine's path hands back to the
 * handler), with int, boolean, vector and constrained real choices, and for each kernel. No statistics: equality.
 */
class ReplayPathsTest {

    /** A vector choice beside a real one. */
    static final Model<Double> VECTOR = p -> {
        double[] v = p.sample("v", MultivariateNormal.diagonal(new double[] {0, 0}, new double[] {1, 1}));
        double c = p.sample("c", new Normal(v[0], 1));
        p.observe("y", new Normal(v[0] + v[1] + c, 0.5), 0.4);
        return v[1];
    };

    @Test
    void fixedStructureStepsAreTheHandlersBitForBitAndAllTakeTheEnginesPath() {
        long made = sameSteps(KALMAN, Kernels.singleSite(), 600);
        assertThat(made).as("every step of a fixed-structure model replays on the engine's path").isEqualTo(600);
        assertThat(sameSteps(KALMAN, Kernels.singleSite().fromPrior(), 600)).isEqualTo(600);
    }

    @Test
    void changingStructureStepsAreTheHandlersBitForBit() {
        for (Kernel k : new Kernel[] {Kernels.singleSite(), Kernels.singleSite().fromPrior(), Kernels.gibbs(),
            Kernels.gibbs().andThen(Kernels.randomWalk())}) {
            long made = sameSteps(SWITCHING, k, 1500);
            // Gibbs alone moves the boolean only, and every value of it changes the structure: all through the handler
            assertThat(made).as("%s: replays on the engine's path", k).isEqualTo(k instanceof GibbsKernel ? 0 : made);
            if (!(k instanceof GibbsKernel)) {
                assertThat(made).as("%s: some replays on the engine's path", k).isPositive();
            }
        }
    }

    @Test
    void changingStructureHandsItsStepsBackToTheHandler() {
        Chain<Double> c = Chain.of(SWITCHING, Kernels.singleSite().fromPrior(), Target.posterior()).reseed(3, 1);
        c.startFromPrior();
        c.step(2000);
        assertThat(c.engineReplays()).as("a step that adds or drops a choice goes through the handler")
                .isLessThan(2000).isPositive();
    }

    @Test
    void vectorStepsAreTheHandlersBitForBit() {
        assertThat(sameSteps(VECTOR, Kernels.singleSite().fromPrior(), 400)).isEqualTo(400);
        assertThat(sameSteps(VECTOR, Kernels.singleSite(), 400)).isEqualTo(400);
    }

    /**
     * Steps two chains in lockstep, one of them through the handler only, checks their states after each step, and
     * returns how many replays the other made on the engine's path.
     */
    private static <T> long sameSteps(Model<T> model, Kernel kernel, int steps) {
        Chain<T> engine = Chain.of(model, kernel, Target.tempered(0.7)).reseed(11, 4);
        Chain<T> handler = Chain.of(model, kernel, Target.tempered(0.7)).reseed(11, 4).handlerReplaysOnly();
        engine.startFromPrior();
        handler.startFromPrior();
        for (int i = 0; i < steps; i++) {
            assertSame(engine.step(), handler.step(), kernel + ", step " + i);
        }
        assertThat(engine.acceptance().toString()).isEqualTo(handler.acceptance().toString());
        assertThat(handler.engineReplays()).isZero();
        return engine.engineReplays();
    }

    private static void assertSame(TraceState<?> a, TraceState<?> b, String where) {
        assertThat(a.toString()).as(where).isEqualTo(b.toString());
        assertThat(a.size()).as(where).isEqualTo(b.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.address(i)).as(where).isEqualTo(b.address(i));
            assertThat(a.valueKind(i)).as(where).isEqualTo(b.valueKind(i));
            assertThat(bits(a.scalars[i])).as("%s: value of %s", where, a.address(i)).isEqualTo(bits(b.scalars[i]));
            assertThat(bits(a.logPrior(i))).as("%s: log p of %s", where, a.address(i)).isEqualTo(bits(b.logPrior(i)));
            assertThat(a.prior(i).describe()).as(where).isEqualTo(b.prior(i).describe());
            assertThat(a.positions[i]).as(where).isEqualTo(b.positions[i]);
            if (a.objects[i] instanceof double[]) {
                assertThat((double[]) a.objects[i]).as(where).isEqualTo((double[]) b.objects[i]);
            }
        }
        assertThat(bits(a.logPrior())).as(where).isEqualTo(bits(b.logPrior()));
        assertThat(bits(a.logLikelihood())).as(where).isEqualTo(bits(b.logLikelihood()));
        assertThat(bits(a.logTarget())).as(where).isEqualTo(bits(b.logTarget()));
        assertThat(a.returnValue()).as(where).isEqualTo(b.returnValue());
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }
}
