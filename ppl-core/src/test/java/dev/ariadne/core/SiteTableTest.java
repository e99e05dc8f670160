package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.ValueKind;
import org.junit.jupiter.api.Test;

/** The site table's fast path and its address table, as a run that repeats the previous one sees them. */
class SiteTableTest {

    private static final int SITES = 10;

    /** A table whose previous run had the sites x[0..9], all real latents; the next run begun. */
    private static SiteTable afterOneRun() {
        SiteTable t = new SiteTable();
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        for (int i = 0; i < SITES; i++) {
            assertThat(t.add("x", i, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(i);
        }
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        return t;
    }

    private static Slot repeat(SiteTable t, int i) {
        return t.repeat("x", i, SiteKind.LATENT, ValueKind.REAL, null);
    }

    /**
     * A run that fails stops at its next site, having made the previous run's first sites. The next run repeats the
     * previous run's sites beyond it too: before, it took each of them by the slow path, which hashes the address and
     * checks the name (an occupancy model whose runs fail in three of four spent 15% of its time there).
     */
    @Test
    void aRunThatEndedEarlyOnThePreviousRunsSitesLeavesThemAllToRepeat() {
        SiteTable t = afterOneRun();
        for (int i = 0; i < 3; i++) {
            assertThat(repeat(t, i)).isNotNull();
        }
        t.stopRepeating(); // the run failed at x[2]
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        for (int i = 0; i < SITES; i++) {
            assertThat(repeat(t, i)).as("site x[%d] repeats", i).isNotNull();
        }
        assertThat(repeat(t, SITES)).as("no site beyond the previous runs'").isNull();
        assertThat(t.add("x", 4, SiteKind.LATENT, ValueKind.REAL, null)).as("x[4] again").isEqualTo(-1 - 4);
    }

    /**
     * Where the run that ended early left the previous run's sites (here a new site, y, which a realignment put before
     * them), the next run repeats the sites it never reached too: they are kept among the sites a realignment looks
     * for ahead, so that an address of theirs made out of order is taken from them, never made twice. Before, only the
     * run's own sites repeated, and a zero-inflated count whose runs realign and then fail took every later site of
     * the next run by the slow path.
     */
    @Test
    void aRunThatEndedEarlyOffThePreviousRunsSitesLeavesThemAllToRepeat() {
        SiteTable t = afterOneRun();
        for (int i = 0; i < 2; i++) {
            repeat(t, i);
        }
        assertThat(t.add("y", 0, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(2);
        t.stopRepeating();
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        for (int i = 0; i < 2; i++) {
            assertThat(repeat(t, i)).isNotNull();
        }
        assertThat(t.repeat("y", 0, SiteKind.LATENT, ValueKind.REAL, null)).isNotNull();
        for (int i = 2; i < SITES; i++) {
            assertThat(repeat(t, i)).as("x[%d], which the run that ended never reached", i).isNotNull();
        }
        assertThat(t.n).isEqualTo(SITES + 1);

        t = afterOneRun();
        repeat(t, 0);
        assertThat(t.add("y", 0, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(1);
        t.stopRepeating();
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        repeat(t, 0);
        assertThat(t.add("x", 7, SiteKind.LATENT, ValueKind.REAL, null)).as("x[7] out of order, taken from ahead")
                .isEqualTo(1);
        assertThat(t.add("y", 0, SiteKind.LATENT, ValueKind.REAL, null)).as("y[0], skipped, made anew").isEqualTo(2);
        assertThat(t.add("x", 7, SiteKind.LATENT, ValueKind.REAL, null)).as("x[7] again").isEqualTo(-1 - 1);
        assertThat(t.lookup(null, "x", 7)).isEqualTo(1);
        assertThat(t.lookup(null, "x", 1)).as("skipped").isEqualTo(-1);
    }

    /**
     * A guide that reads the history at every site (its previous choice, say) looks an address up at every site.
     * Before, the first lookup stopped the run repeating, and every later site took the slow path, which hashes its
     * address: 3.2 times the time a site of a 100-site model.
     */
    @Test
    void aLookupLeavesARepeatingRunRepeating() {
        SiteTable t = afterOneRun();
        for (int i = 0; i < 5; i++) {
            assertThat(repeat(t, i)).as("site x[%d] repeats", i).isNotNull();
        }
        assertThat(t.lookup(null, "x", 3)).isEqualTo(3);
        assertThat(t.lookup(null, "x", 7)).as("a site not reached yet").isEqualTo(-1);
        for (int i = 5; i < SITES; i++) {
            assertThat(repeat(t, i)).as("site x[%d] after the lookup repeats", i).isNotNull();
            assertThat(t.lookup(null, "x", i)).as("x[%d], admitted without hashing, is found", i).isEqualTo(i);
        }
        assertThat(t.n).isEqualTo(SITES);
    }

    @Test
    void anAddressReusedAfterLookupsAndRepeatedSitesIsFoundUsedTwice() {
        SiteTable t = afterOneRun();
        for (int i = 0; i < 4; i++) {
            repeat(t, i);
        }
        assertThat(t.lookup(null, "x", 1)).isEqualTo(1);
        for (int i = 4; i < 8; i++) {
            repeat(t, i); // in no table until the next lookup or divergence
        }
        assertThat(t.add("x", 6, SiteKind.LATENT, ValueKind.REAL, null)).as("x[6] again").isEqualTo(-1 - 6);
        assertThat(t.add("y", 0, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(8);
        assertThat(t.lookup(null, "x", 5)).isEqualTo(5);
        assertThat(t.lookup(null, "y", 0)).isEqualTo(8);
    }

    /**
     * A lookup compares the latest sites by identity of name and scope before it hashes: a name equal to a recent
     * site's but another object, a site further back, and a site not reached are found (or not) as by the table.
     * (An equivalence guard: it passes on the former code too.)
     */
    @Test
    void aLookupFindsRecentSitesByIdentityAndEveryOtherByItsAddress() {
        SiteTable t = afterOneRun();
        for (int i = 0; i < 8; i++) {
            repeat(t, i);
        }
        assertThat(t.lookup(null, "x", 6)).as("a recent site, the same name object").isEqualTo(6);
        assertThat(t.lookup(null, new String("x"), 7)).as("a recent site, an equal name").isEqualTo(7);
        assertThat(t.lookup(null, "x", 1)).as("a site further back").isEqualTo(1);
        assertThat(t.lookup(null, "x", 9)).as("a site not reached").isEqualTo(-1);
        assertThat(t.lookup(Address.of("s"), "x", 7)).as("another scope").isEqualTo(-1);
        assertThat(t.lookup(null, "y", 7)).as("another name").isEqualTo(-1);
    }

    /**
     * A guide's reads by name at each site (the previous step's choice, a parameter far back) are the same from run to
     * run: the read numbered r tries where the previous run's read r found its site, by identity, and only a read that
     * is not there goes to the address table. Found the same as by the table in every case: a run whose sites moved, an
     * equal name that is another object, another scope, a site the run has not reached yet.
     */
    @Test
    void aReadTriesWhereThePreviousRunsSameReadFoundItsSite() {
        SiteTable t = afterOneRun();
        for (int run = 0; run < 3; run++) {
            long before = t.readsByAddress;
            assertThat(repeat(t, 0)).isNotNull();
            for (int i = 1; i < SITES; i++) {
                assertThat(repeat(t, i)).isNotNull();
                assertThat(t.recall(null, "x", 0, i)).as("x[0] from site %d", i).isEqualTo(0);
                assertThat(t.recall(null, "x", i - 1, i)).as("x[%d] from site %d", i - 1, i).isEqualTo(i - 1);
            }
            assertThat(t.readsByAddress - before).as("reads the table answered in run %d", run)
                    .isEqualTo(run == 0 ? 2 * (SITES - 1) : 0);
            t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        }
        // The sites move one place on (a new site first): every read is where the table says, not where it was.
        assertThat(t.add("first", Address.NO_INDEX, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(0);
        assertThat(t.add("x", 0, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(1);
        for (int i = 1; i < SITES; i++) {
            assertThat(t.add("x", i, SiteKind.LATENT, ValueKind.REAL, null)).isEqualTo(i + 1);
            assertThat(t.recall(null, "x", 0, i + 1)).as("x[0] from site %d", i + 1).isEqualTo(1);
            assertThat(t.recall(null, "x", i - 1, i + 1)).as("x[%d] from site %d", i - 1, i + 1).isEqualTo(i);
        }
        t.begin(Integer.MAX_VALUE, Integer.MAX_VALUE);
        for (int i = 0; i <= SITES; i++) {
            t.repeat(i == 0 ? "first" : "x", i == 0 ? Address.NO_INDEX : i - 1, SiteKind.LATENT, ValueKind.REAL, null);
        }
        assertThat(t.recall(null, new String("x"), 0, SITES + 1)).as("an equal name").isEqualTo(1);
        assertThat(t.recall(Address.of("s"), "x", 1, SITES + 1)).as("another scope").isEqualTo(-1);
        assertThat(t.recall(null, "x", 5, 3)).as("a site not reached by the reader").isEqualTo(-1);
        assertThat(t.recall(null, "y", 0, SITES + 1)).as("another name").isEqualTo(-1);
    }
}
