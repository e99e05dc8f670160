package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.ValueKind;
import org.junit.jupiter.api.Test;

/**
 * A new engine starts from the addresses of the last run of its model's class ({@link SiteTemplate}), so that its
 * first run repeats them on the fast path. The template is a guess: every address is still checked, and a reused
 * address is still refused.
 */
class SiteTemplateTest {

    private static final int SITES = 10;

    /** The addresses of a run with the sites x[0..9], all real latents. */
    private static SiteTemplate tenSites() {
        SiteTable t = new SiteTable();
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        for (int i = 0; i < SITES; i++) {
            assertThat(t.add("x", i, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(i);
        }
        return t.template();
    }

    private static SiteTable primedAndBegun() {
        SiteTable t = new SiteTable();
        t.prime(tenSites(), Integer.MAX_VALUE);
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        return t;
    }

    private static Slot repeat(SiteTable t, String name, int i) {
        return t.repeat(name, i, SiteKind.LATENT, ValueKind.REAL, null);
    }

    @Test
    void aPrimedTableRepeatsTheTemplateOnTheFastPathWhereAFreshOneTakesTheSlowPath() {
        SiteTable fresh = new SiteTable();
        fresh.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        assertThat(repeat(fresh, "x", 0)).as("a fresh table's first site").isNull();
        SiteTable t = primedAndBegun();
        for (int i = 0; i < SITES; i++) {
            Slot s = repeat(t, "x", i);
            assertThat(s).as("x[%d] repeats", i).isNotNull();
            assertThat(t.slots[i]).isSameAs(s);
        }
        assertThat(t.n).isEqualTo(SITES);
        assertThat(t.lookup(null, "x", 7)).as("a repeated site is found by its address").isEqualTo(7);
    }

    @Test
    void anAddressUsedTwiceInAPrimedRunIsStillRefused() {
        SiteTable t = primedAndBegun();
        assertThat(repeat(t, "x", 0)).isNotNull();
        assertThat(repeat(t, "x", 1)).isNotNull();
        assertThat(repeat(t, "x", 0)).as("x[0] again does not match the slot of x[2]").isNull();
        assertThat(t.add("x", 0, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(-1);
    }

    @Test
    void aRunThatLeavesTheTemplateIsIndexedAndRepeatsNoMore() {
        SiteTable t = primedAndBegun();
        assertThat(repeat(t, "x", 0)).isNotNull();
        assertThat(repeat(t, "y", 0)).isNull();
        assertThat(t.add("y", 0, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(1);
        assertThat(repeat(t, "x", 2)).as("nothing repeats once the run has left the template").isNull();
        assertThat(t.add("x", 2, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(2);
        assertThat(t.add("y", 0, SiteKind.LATENT, ValueKind.REAL, null)).as("y[0] again").isEqualTo(-1 - 1);
    }

    /** Models made by one lambda expression share a class, and so a template, whatever their structure. */
    private static Model<Double> chain(int sites, boolean reuse) {
        return p -> {
            double s = 0;
            for (int i = 0; i < sites; i++) {
                s += p.sample("x", reuse && i == sites - 1 ? 0 : i, new Normal(s, 1));
            }
            p.observe("y", new Normal(s, 1), 0.5);
            return s;
        };
    }

    @Test
    void aFirstRunPrimedByAnotherModelOfItsClassScoresAsItsLaterRunsAndRefusesAReusedAddress() {
        Model<Double> five = chain(5, false);
        Model<Double> three = chain(3, false);
        assertThat(three.getClass()).isSameAs(five.getClass());
        Execution.of(five).leanRunner().run(1, 0); // publishes five's sites
        Runner<Double> r = Execution.of(three).leanRunner();
        assertThat(new Engine(Execution.of(three), false).sites.n).as("a new engine starts from five's 6 sites")
                .isEqualTo(6);
        double first = r.run(1, 4).logWeight();
        double firstLogP = r.logP();
        assertThat(r.run(1, 4).logWeight()).as("the same run, repeating its own sites").isEqualTo(first);
        assertThat(r.logP()).isEqualTo(firstLogP);
        assertThat(first).isFinite();

        Runner<Double> reusing = Execution.of(chain(5, true)).leanRunner(); // primed with three's sites
        assertThatThrownBy(() -> reusing.run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("x[0] is used twice");
    }

    /** The cap on sites is checked on the slow path only; a template from a run with more sites must not pass it. */
    @Test
    void theCapOnSitesHoldsInAFirstRunPrimedByARunThatHadMoreSites() {
        Model<Double> five = chain(5, false);
        Execution.of(five).leanRunner().run(1, 0); // publishes its 6 sites
        Runner<Double> capped = Execution.of(five).maxSitesPerRun(5).leanRunner();
        assertThatThrownBy(() -> capped.run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("the run reached 5 sites, the limit per run");
    }
}
