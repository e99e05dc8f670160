package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A run that leaves the previous run's sites and comes back to them (a site the previous run did not make, sites it
 * made that this run skips) is realigned with them: the sites after the difference take the fast path again, the run's
 * own sites keep their positions, and an address used twice is still found.
 */
class SiteTableRealignTest {

    private static final int SITES = 10;

    /** A table whose previous run had the sites x[0..9]; the next run begun, with at most {@code maxSites} sites. */
    private static SiteTable afterOneRun(int maxSites) {
        SiteTable t = new SiteTable();
        t.begin(Integer.MAX_VALUE, maxSites);
        for (int i = 0; i < SITES; i++) {
            assertThat(t.add("x", i, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(i);
        }
        t.begin(Integer.MAX_VALUE, maxSites);
        return t;
    }

    private static Slot repeat(SiteTable t, String name, int i) {
        return t.repeat(name, i, SiteKind.LATENT, ValueKind.REAL, null);
    }

    private static int add(SiteTable t, String name, int i) {
        return t.add(name, i, SiteKind.LATENT, ValueKind.REAL, null);
    }

    @Test
    void aRunThatSkipsSitesOfThePreviousRepeatsTheSitesAfterThemOnTheFastPath() {
        SiteTable t = afterOneRun(Integer.MAX_VALUE);
        repeat(t, "x", 0);
        repeat(t, "x", 1);
        assertThat(repeat(t, "x", 4)).as("x[4] where the previous run had x[2]").isNull();
        assertThat(add(t, "x", 4)).isEqualTo(2);
        for (int i = 5; i < SITES; i++) {
            assertThat(repeat(t, "x", i)).as("x[%d] after the skip", i).isNotNull();
            assertThat(t.n - 1).isEqualTo(i - 2);
        }
        assertThat(t.lookup(null, "x", 4)).isEqualTo(2);
        assertThat(t.lookup(null, "x", 9)).isEqualTo(7);
        assertThat(t.lookup(null, "x", 2)).as("a skipped site").isEqualTo(-1);
        assertThat(t.lookup(null, "x", 3)).as("a skipped site").isEqualTo(-1);
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        for (int i : new int[] {0, 1, 4, 5, 6, 7, 8, 9}) {
            assertThat(repeat(t, "x", i)).as("x[%d] in the next run, as this one made it", i).isNotNull();
        }
    }

    @Test
    void aRunThatMakesANewSiteRepeatsThePreviousRunsSitesAfterIt() {
        SiteTable t = afterOneRun(Integer.MAX_VALUE);
        repeat(t, "x", 0);
        repeat(t, "x", 1);
        assertThat(repeat(t, "y", 1)).isNull();
        assertThat(add(t, "y", 1)).isEqualTo(2);
        for (int i = 2; i < SITES; i++) {
            assertThat(repeat(t, "x", i)).as("x[%d] after the new site", i).isNotNull();
        }
        assertThat(t.n).isEqualTo(SITES + 1);
        assertThat(t.lookup(null, "y", 1)).isEqualTo(2);
        assertThat(t.lookup(null, "x", 2)).isEqualTo(3);
        assertThat(t.lookup(null, "x", 9)).isEqualTo(SITES);
        for (int i = 0; i <= SITES; i++) {
            assertThat(t.slots[i].name).isEqualTo(i == 2 ? "y" : "x");
            assertThat(t.slots[i].index).isEqualTo(i < 2 ? i : i == 2 ? 1 : i - 1);
        }
    }

    @Test
    void anAddressUsedTwiceIsFoundWhereverTheRunHasBeenRealigned() {
        SiteTable t = afterOneRun(Integer.MAX_VALUE);
        repeat(t, "x", 0);
        assertThat(add(t, "y", 0)).isEqualTo(1);
        repeat(t, "x", 1);
        assertThat(add(t, "y", 0)).as("a new site made twice").isEqualTo(-1 - 1);

        t = afterOneRun(Integer.MAX_VALUE);
        for (int i = 0; i < 4; i++) {
            repeat(t, "x", i);
        }
        assertThat(add(t, "x", 1)).as("one of the previous run's sites this run has passed").isEqualTo(-1 - 1);

        // The run before diverged, so its table is kept, and an address it made is looked for among the sites ahead.
        t = afterOneRun(Integer.MAX_VALUE);
        repeat(t, "x", 0);
        assertThat(add(t, "x", 2)).isEqualTo(1);
        for (int i = 3; i < SITES; i++) {
            repeat(t, "x", i);
        }
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        repeat(t, "x", 0);
        repeat(t, "x", 2);
        assertThat(add(t, "x", 0)).as("a site of the previous run, used before in this one").isEqualTo(-1 - 0);
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        repeat(t, "x", 0);
        assertThat(add(t, "x", 1)).as("a site the previous run skipped, new again").isEqualTo(1);
        assertThat(repeat(t, "x", 2)).isNotNull();
        assertThat(add(t, "x", 1)).isEqualTo(-1 - 1);
    }

    @Test
    void theSitesTheFastPathMayTakeNeverPassTheCapOnSitesPerRun() {
        SiteTable t = afterOneRun(SITES);
        repeat(t, "x", 0);
        assertThat(add(t, "y", 0)).isEqualTo(1);
        for (int i = 1; i < SITES - 1; i++) {
            assertThat(repeat(t, "x", i)).as("x[%d]", i).isNotNull();
        }
        assertThat(t.n).isEqualTo(SITES);
        assertThat(repeat(t, "x", SITES - 1)).as("the site past the cap goes to the slow path, which checks it")
                .isNull();
    }

    /**
     * Runs whose sites are drawn (a random subset of x[0..29] and y[0..9], sometimes in a shuffled order, sometimes
     * with an address made twice) against a map of address to position: every site enters where the run has reached,
     * every address is found where the map has it, and every address made twice is found at its first position. The
     * first 3,000 runs differ from one another at about half their sites, the next 3,000 at two or three (each x
     * left out with probability 0.03, each y made with probability 0.05), where realigning pays.
     */
    @Test
    void runsOfDrawnSitesArePlacedAndFoundAsAMapWouldPlaceAndFindThem() {
        SplittableRandom random = new SplittableRandom(2023);
        SiteTable t = new SiteTable();
        long fastSites = 0;
        for (int run = 0; run < 6000; run++) {
            boolean few = run >= 3000;
            t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
            List<String> names = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                if (random.nextInt(100) < (few ? 97 : 80)) {
                    names.add("x");
                    indices.add(i);
                }
                if (i % 3 == 0 && random.nextInt(100) < (few ? 5 : 50)) {
                    names.add("y");
                    indices.add(i / 3);
                }
            }
            if (!few && random.nextInt(20) == 0) { // shuffled
                for (int i = names.size() - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    names.set(i, names.set(j, names.get(i)));
                    indices.set(i, indices.set(j, indices.get(i)));
                }
            }
            int twice = random.nextInt(10) == 0 && names.size() > 2 ? 1 + random.nextInt(names.size() - 1) : -1;
            if (twice > 0) {
                int of = random.nextInt(twice);
                names.add(twice, names.get(of));
                indices.add(twice, indices.get(of));
            }
            long fast = playAgainstAMap(t, names, indices, run, random);
            fastSites += few ? fast : 0;
        }
        // of the later runs' about 88,000 sites: 27,190 without realignment (every site after a run's first difference
        // indexed), 73,650 with it
        assertThat(fastSites).as("sites of the runs that differ at a few taken on the fast path").isGreaterThan(55_000);
    }

    /**
     * Runs of a zero-inflated count (a latent lam, then per module an indicator and either a condition c[i] or an
     * observation y[i]; a run ends at a condition in a module whose count is not 0, as a failed run does), some with
     * an address made twice, against a map: every site enters where the run has reached, every address is found
     * where the map has it, an address made twice is found at its first position, and most sites take the fast path.
     * A condition in place of the previous run's observation is put in its place, not before it (the next site is then
     * the indicator after it, not the observation), and a run that ended early leaves the sites it never reached to
     * repeat. Before, 58% of such sites took the slow path.
     */
    @Test
    void runsThatMakeOneOfTwoSitesPerModuleTakeMostSitesOnTheFastPath() {
        SplittableRandom random = new SplittableRandom(64);
        int[] counts = {0, 3, 0, 5, 2, 0, 4, 1};
        SiteTable t = new SiteTable();
        long sites = 0;
        long fastSites = 0;
        for (int run = 0; run < 20_000; run++) {
            t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
            List<String> names = new ArrayList<>(List.of("lam"));
            List<Integer> indices = new ArrayList<>(List.of(-1));
            for (int i = 0; i < counts.length; i++) {
                names.add("zero");
                indices.add(i);
                boolean zero = random.nextInt(10) < 3;
                names.add(zero ? "c" : "y");
                indices.add(i);
                if (zero && counts[i] != 0) {
                    break;
                }
            }
            if (random.nextInt(50) == 0) {
                int of = random.nextInt(names.size());
                int twice = of + 1 + random.nextInt(names.size() - of);
                names.add(twice, names.get(of));
                indices.add(twice, indices.get(of));
            }
            fastSites += playAgainstAMap(t, names, indices, run, random);
            sites += t.n;
            t.stopRepeating();
        }
        assertThat((double) fastSites / sites).as("the share of sites taken on the fast path").isGreaterThan(0.7);
    }

    /**
     * Makes the sites {@code names[k][indices[k]]} in order, as a run, checking them against a map of address to
     * position: every site enters where the run has reached, a site taken by the fast path is new, an address made
     * twice is found at its first position (the run then ends, as the engine ends it with an error), and every
     * address looked up is found where the map has it. Returns how many sites the fast path took.
     */
    private static long playAgainstAMap(SiteTable t, List<String> names, List<Integer> indices, int run,
                                        SplittableRandom random) {
        long fast = 0;
        Map<String, Integer> at = new HashMap<>();
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            int index = indices.get(k);
            Integer first = at.get(name + index);
            Slot s = t.repeat(name, index, SiteKind.LATENT, ValueKind.REAL, null);
            if (s != null) {
                fast++;
                assertThat(first).as("run %d: %s[%d] taken by the fast path is new", run, name, index).isNull();
                assertThat(t.slots[t.n - 1]).isSameAs(s);
            } else {
                int j = t.add(name, index, SiteKind.LATENT, ValueKind.REAL, null);
                if (first != null) {
                    assertThat(j).as("run %d: %s[%d] made again", run, name, index).isEqualTo(-1 - first);
                    break;
                }
                assertThat(j).as("run %d: %s[%d]", run, name, index).isEqualTo(k);
            }
            at.put(name + index, k);
            assertThat(t.n).isEqualTo(k + 1);
            if (random.nextInt(8) == 0) {
                int back = random.nextInt(k + 1);
                assertThat(t.lookup(null, names.get(back), indices.get(back))).isEqualTo(back);
                assertThat(t.lookup(null, "z", 0)).isEqualTo(-1);
            }
        }
        for (int k = 0; k < t.n; k++) {
            assertThat(t.slots[k].name).as("run %d, site %d", run, k).isEqualTo(names.get(k));
            assertThat(t.slots[k].index).as("run %d, site %d", run, k).isEqualTo(indices.get(k));
        }
        return fast;
    }
}
