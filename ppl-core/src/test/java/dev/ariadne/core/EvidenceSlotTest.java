package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an evidence site leaves for the readers of its run, now that it stores neither its log q (always 0) nor a
 * flag for a continuous value: a site's log q reads 0 wherever the site is not latent, even in a slot that held a
 * latent site's log q in an earlier run, and whether a run observed a continuous value is read from its sites.
 */
class EvidenceSlotTest {

    /** Site 0 is latent (under a guide, so its log q is not 0) in even runs and an observation in odd ones. */
    private static final Model<Void> TAKES_TURNS = p -> {
        if (p.sample("odd", new dev.ariadne.core.dist.Bernoulli(0.5))) {
            p.observe("y", new Normal(0, 1), 0.25);
        } else {
            p.sample("x", new Normal(0, 1));
        }
        return null;
    };

    private static final Guide WIDER = Guide.bySite((site, history) ->
            site.name().equals("x") ? new Normal(0, 2) : null);

    @Test
    void anEvidenceSiteReadsLogQZeroInASlotThatHeldALatentSitesLogQ() {
        for (Runner<Void> r : java.util.List.of(Execution.of(TAKES_TURNS).guide(WIDER).leanRunner(),
                Execution.of(TAKES_TURNS).guide(WIDER).runner())) {
            int latentThenEvidence = 0;
            boolean wasLatent = false;
            for (long i = 0; i < 64; i++) {
                r.run(3, i);
                assertThat(r.siteCount()).isEqualTo(2);
                if (r.siteKind(1) == SiteKind.LATENT) {
                    double x = r.history().real(1);
                    assertThat(r.siteLogQ(1)).isEqualTo(new Normal(0, 2).logDensity(x));
                    assertThat(r.siteLogQ(1)).isNotZero();
                    wasLatent = true;
                } else {
                    if (wasLatent) {
                        latentThenEvidence++;
                    }
                    wasLatent = false;
                    assertThat(r.siteKind(1)).isEqualTo(SiteKind.OBSERVED);
                    assertThat(r.siteLogQ(1)).isZero();
                    assertThat(r.siteLogP(1)).isEqualTo(new Normal(0, 1).logDensity(0.25));
                    TraceSite y = r.trace().sites().get(1);
                    assertThat(y.logQ()).isZero();
                    assertThat(r.trace().logQ()).isEqualTo(r.logQ());
                }
            }
            assertThat(latentThenEvidence).as("runs whose observation took the slot of a latent site").isPositive();
        }
    }

    @Test
    void aRunHadContinuousEvidenceExactlyWhenItObservedARealVectorOrObjectValue() {
        Model<Void> counts = p -> {
            p.observe("k", new Poisson(2), 3);
            p.factor("f", -0.5);
            p.condition("c", true);
            return null;
        };
        Runner<Void> r = Execution.of(counts).leanRunner();
        assertThat(r.run(1, 0).hadContinuousEvidence()).isFalse();

        Model<Void> real = p -> {
            p.observe("k", new Poisson(2), 3);
            p.observe("y", new Normal(0, 1), 0.5);
            return null;
        };
        assertThat(Execution.of(real).leanRunner().run(1, 0).hadContinuousEvidence()).isTrue();
        assertThat(Execution.of(real).runner().run(1, 0).hadContinuousEvidence()).isTrue();

        // A run after one that observed a real value, on the same runner, observes none.
        Model<Void> sometimes = p -> {
            if (p.sample("b", new dev.ariadne.core.dist.Bernoulli(0.5))) {
                p.observe("y", new Normal(0, 1), 0.5);
            } else {
                p.observe("k", new Poisson(2), 3);
            }
            return null;
        };
        Runner<Void> s = Execution.of(sometimes).leanRunner();
        int seen = 0;
        for (long i = 0; i < 32; i++) {
            s.run(5, i);
            boolean observedReal = s.history().bool(0);
            assertThat(s.hadContinuousEvidence()).isEqualTo(observedReal);
            seen += observedReal ? 1 : 0;
        }
        assertThat(seen).isBetween(1, 31);

        // A latent real site made an observation by a handler is continuous evidence; a latent site is not.
        Model<Void> latent = p -> {
            p.sample("x", new Normal(0, 1));
            return null;
        };
        assertThat(Execution.of(latent).leanRunner().run(1, 0).hadContinuousEvidence()).isFalse();
        assertThat(Execution.of(latent).with(Handlers.condition(Map.of("x", 0.5))).leanRunner().run(1, 0)
                .hadContinuousEvidence()).isTrue();
    }
}
