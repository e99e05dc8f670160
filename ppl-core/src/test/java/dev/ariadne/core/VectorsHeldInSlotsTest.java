package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.MultivariateNormal;
import dev.ariadne.core.dist.Normal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An observed or drawn vector is held as a copy in its slot's array, reused from run to run: every reader (the
 * model, the history during the run, the trace after it, a handler, a continued run) must see the value of that site
 * in that run, even when the model reuses one array for all its observations or writes into a vector it drew, and
 * never a value left by another run or another site.
 */
class VectorsHeldInSlotsTest {

    private static final double[][] SIGMA = {{1.0, 0.3}, {0.3, 2.0}};

    /** Observes n vectors of dimension dim, all written into one array that the model reuses. */
    private static Model<Double> reusingOneArray(int n, int dim) {
        return p -> {
            double mu = p.sample("mu", Normal.STANDARD);
            double[] y = new double[dim];
            double[] mean = new double[dim];
            double[][] cov = new double[dim][dim];
            for (int k = 0; k < dim; k++) {
                mean[k] = mu;
                cov[k][k] = 1;
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < dim; k++) {
                    y[k] = 10 * i + k;
                }
                p.observe("y", i, new MultivariateNormal(mean, cov), y);
            }
            java.util.Arrays.fill(y, -1);
            return p.sample("after", Normal.STANDARD);
        };
    }

    private static double[] expected(int i, int dim) {
        double[] v = new double[dim];
        for (int k = 0; k < dim; k++) {
            v[k] = 10 * i + k;
        }
        return v;
    }

    @Test
    void theHistoryAndTheTraceShowEachSitesOwnValueWhenTheModelReusesOneArray() {
        for (int dim : new int[] {2, 4, 7}) {
            List<double[]> seen = new ArrayList<>();
            Guide g = (site, prior, history) -> {
                if (site.name().equals("after")) {
                    for (int i = 0; i < 3; i++) {
                        seen.add(history.vector("y", i));
                    }
                }
                return prior;
            };
            Runner<Double> r = Execution.of(reusingOneArray(3, dim)).guide(g).runner();
            for (int run = 0; run < 3; run++) {
                seen.clear();
                r.run(11, run);
                for (int i = 0; i < 3; i++) {
                    assertThat(seen.get(i)).as("dim %d, history of y[%d] in a guide", dim, i)
                            .containsExactly(expected(i, dim));
                    assertThat((double[]) r.trace().site("y[" + i + "]").get().value())
                            .as("dim %d, trace of y[%d]", dim, i).containsExactly(expected(i, dim));
                    assertThat(r.history().vector("y", i)).containsExactly(expected(i, dim));
                }
            }
        }
    }

    @Test
    void aCopyReadFromTheHistoryIsTheReadersOwn() {
        Runner<Double> r = Execution.of(reusingOneArray(2, 2)).runner().run(3, 0);
        double[] first = r.history().vector("y", 0);
        first[0] = 99;
        assertThat(r.history().vector("y", 0)).containsExactly(0, 1);
        Object boxed = r.history().value(r.history().find("y", 1));
        ((double[]) boxed)[1] = 99;
        assertThat(r.history().vector("y", 1)).containsExactly(10, 11);
    }

    @Test
    void aSiteThatChangesItsDimensionFromRunToRunHoldsEachRunsValue() {
        int[] dims = {2, 6, 1, 3, 9, 2};
        for (int t = 0; t < dims.length; t++) {
            int dim = dims[t];
            Runner<Double> r = Execution.of(reusingOneArray(2, dim)).runner();
            r.run(5, t);
            assertThat(r.history().vector("y", 1)).containsExactly(expected(1, dim));
        }
        // One runner, one site, a new dimension at every run.
        int[] run = {0};
        Model<Double> changing = p -> {
            int dim = dims[run[0] % dims.length];
            double[] mean = new double[dim];
            p.observe("y", MultivariateNormal.diagonal(mean, ones(dim)), expected(run[0], dim));
            return p.sample("x", Normal.STANDARD);
        };
        Runner<Double> r = Execution.of(changing).runner();
        for (; run[0] < 12; run[0]++) {
            r.run(1, run[0]);
            int dim = dims[run[0] % dims.length];
            assertThat(r.history().vector("y")).as("run %d", run[0]).containsExactly(expected(run[0], dim));
            assertThat(r.logLikelihood()).isEqualTo(MultivariateNormal.diagonal(new double[dim], ones(dim))
                    .logDensity(expected(run[0], dim)));
        }
    }

    @Test
    void aSlotTakenByAnotherKindOfSiteInTheNextRunShowsNoStaleVector() {
        boolean[] vectorFirst = {true};
        Model<Double> m = p -> {
            if (vectorFirst[0]) {
                p.observe("v", new MultivariateNormal(new double[] {0, 0}, SIGMA), new double[] {0.5, -0.5});
            } else {
                p.observe("r", Normal.STANDARD, 0.25);
            }
            return p.sample("x", Normal.STANDARD);
        };
        Runner<Double> r = Execution.of(m).runner();
        r.run(1, 0);
        assertThat(r.history().value(0)).isInstanceOf(double[].class);
        vectorFirst[0] = false;
        r.run(1, 1);
        assertThat(r.history().value(0)).isEqualTo(0.25);
        assertThat(r.history().real(0)).isEqualTo(0.25);
        assertThat(r.trace().site("r").get().value()).isEqualTo(0.25);
        vectorFirst[0] = true;
        r.run(1, 2);
        assertThat((double[]) r.history().value(0)).containsExactly(0.5, -0.5);
    }

    @Test
    void aRefusedObservationLeavesNoEarlierRunsVectorInItsSlot() {
        double[][] given = {{0.5, -0.5}};
        Model<Double> m = p -> {
            p.observe("v", new MultivariateNormal(new double[] {0, 0}, SIGMA), given[0]);
            return p.sample("x", Normal.STANDARD);
        };
        Runner<Double> r = Execution.of(m).runner();
        r.run(1, 0);
        assertThat((double[]) r.history().value(0)).containsExactly(0.5, -0.5);
        for (double[] refused : new double[][] {{1, 2, 3}, null}) {
            given[0] = refused;
            assertThatThrownBy(() -> r.run(1, 1)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("site v");
            assertThat(r.history().value(0)).as("after %s", java.util.Arrays.toString(refused))
                    .isNotInstanceOf(double[].class);
        }
    }

    @Test
    void aHandlerSeesTheObservedValueAsACopyItMayKeep() {
        List<double[]> kept = new ArrayList<>();
        Handler keeper = new Handler() {
            @Override
            protected void process(Message msg) {
                if (msg.kind() == SiteKind.OBSERVED) {
                    kept.add((double[]) msg.value());
                }
            }
        };
        Runner<Double> r = Execution.of(reusingOneArray(3, 2)).with(keeper).runner();
        r.run(2, 0);
        r.run(2, 1);
        assertThat(kept).hasSize(6);
        for (int j = 0; j < 6; j++) {
            assertThat(kept.get(j)).containsExactly(expected(j % 3, 2));
        }
    }

    @Test
    void aDrawnVectorIsTheModelsOwnAndTheHistoryKeepsWhatWasDrawn() {
        List<double[]> seenByGuide = new ArrayList<>();
        Model<Double> m = p -> {
            double[] a = p.sample("a", new MultivariateNormal(new double[] {1, 2}, SIGMA));
            double[] b = p.sample("b", new MultivariateNormal(new double[] {-1, -2, -3},
                    new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
            double[] drawnA = a.clone();
            a[0] = 1e9; // the model's own array: the site's value is what was drawn
            b[2] = -1e9;
            p.observe("y", Normal.STANDARD, drawnA[0] - 1);
            return p.sample("after", Normal.STANDARD) + a[1];
        };
        Guide g = (site, prior, history) -> {
            if (site.name().equals("after")) {
                seenByGuide.add(history.vector("a"));
                seenByGuide.add(history.vector("b"));
            }
            return prior;
        };
        Runner<Double> r = Execution.of(m).guide(g).runner();
        for (int run = 0; run < 4; run++) {
            seenByGuide.clear();
            r.run(9, run);
            double[] a = r.history().vector("a");
            double[] b = r.history().vector("b");
            assertThat(a).hasSize(2).doesNotContain(1e9);
            assertThat(b).hasSize(3).doesNotContain(-1e9);
            assertThat(seenByGuide.get(0)).containsExactly(a);
            assertThat(seenByGuide.get(1)).containsExactly(b);
            assertThat((double[]) r.trace().site("a").get().value()).containsExactly(a);
            double logPriorA = new MultivariateNormal(new double[] {1, 2}, SIGMA).logDensity(a);
            assertThat(r.siteLogP(0)).isEqualTo(logPriorA);
            assertThat(r.logLikelihood()).isEqualTo(Normal.STANDARD.logDensity(a[0] - 1));
        }
    }

    @Test
    void aRunThatFailsAtAVectorSiteShowsNoEarlierRunsVectorThere() {
        boolean[] throwAtW = {false};
        Model<Double> m = p -> {
            double[] w = p.sample("w", new MultivariateNormal(new double[] {0, 0}, SIGMA));
            return w[0];
        };
        Guide g = (site, prior, history) -> {
            if (throwAtW[0]) {
                throw new IllegalStateException("guide refuses");
            }
            return prior;
        };
        Runner<Double> r = Execution.of(m).guide(g).runner();
        r.run(4, 0);
        assertThat(r.history().value(0)).isInstanceOf(double[].class);
        throwAtW[0] = true;
        assertThatThrownBy(() -> r.run(4, 1)).hasRootCauseMessage("guide refuses");
        assertThat(r.history().size()).as("the failed run's history shows its site").isPositive();
        assertThat(r.history().value(0)).isNotInstanceOf(double[].class);
    }

    private static double[] ones(int dim) {
        double[] a = new double[dim];
        java.util.Arrays.fill(a, 1);
        return a;
    }
}
