package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;
import java.util.Arrays;

/**
 * Runs a {@link GuideProgram} before each run of the model and replays it into the model: the model's latent
 * site at an address the guide program sampled takes the guide program's value, and the guide program's
 * distribution there as its proposal, so the run's record is the same as under the equivalent {@link Guide}.
 *
 * <p>The guide program runs on an engine of its own in guide mode (latent sites only), which draws first from
 * the run's random stream and keeps each site's distribution and value. After the model's run, every site the
 * guide program sampled must have been used by the model.
 */
final class GuideProgramReplay {

    private final Engine program;
    private boolean[] consumed = new boolean[16];

    GuideProgramReplay(GuideProgram guideProgram, RunLimits limits, Rng rng) {
        this.program = Engine.forGuideProgram(guideProgram, limits, rng);
    }

    /** Runs the guide program as run {@code index} of {@code seed}, from the start of the run's stream. */
    void run(long seed, long index) {
        program.execute(seed, index);
        if (program.failureCause != null) {
            throw new ModelException("the guide program's own run failed (" + program.failureCause + ")", seed, index,
                    program.sites.addressAt(program.failureSite), null);
        }
        int n = program.sites.n;
        if (consumed.length < n) {
            consumed = new boolean[Math.max(n, 2 * consumed.length)];
        } else {
            Arrays.fill(consumed, 0, n, false);
        }
    }

    /** The position of the guide program's site at this address, marked as used by the model; -1 if none. */
    int take(Address scope, String name, int index) {
        int j = program.sites.lookup(scope, name, index);
        if (j >= 0) {
            consumed[j] = true;
        }
        return j;
    }

    /** The guide program's distribution at its site {@code j}: the model's proposal there. */
    Dist proposal(int j) {
        return program.sites.slots[j].prior;
    }

    /** The scalar value the guide program drew at its site {@code j}. */
    double scalar(int j) {
        return program.sites.slots[j].scalar;
    }

    /** The object value (a vector or an object) the guide program drew at its site {@code j}, or null. */
    Object object(int j) {
        return program.sites.objectAt(program.sites.slots[j]);
    }

    /**
     * Checks, after a run of the model that did not fail, that the model used every site the guide program sampled.
     *
     * @param modelSites the model's run, to tell a site it never made from one whose value a handler gave
     * @throws ModelException naming the first site the model never sampled
     */
    void requireAllTaken(long seed, long index, SiteTable modelSites) {
        for (int j = 0; j < program.sites.n; j++) {
            if (!consumed[j]) {
                Address a = program.sites.addressAt(j);
                Slot s = program.sites.slots[j];
                if (modelSites.lookup(s.scope, s.name, s.index) >= 0) {
                    // "which the model did not sample" read beside a model that did, whose value a condition gave
                    // (an adversarial tester)
                    throw new ModelException("the guide program sampled " + a + ", whose value in this run a handler "
                            + "gave or proposed (a condition, a replay, a guide handler), so the model did not draw it "
                            + "from the guide program: "
                            + "a guide program samples only the choices left to it, so leave " + a + " out of it",
                            seed, index, a, null);
                }
                // "never samples" read beside a model that samples the site on another branch (a tester)
                throw new ModelException("the guide program sampled " + a + ", which the model did not sample in "
                        + "this run (a guide program must sample exactly the sites the model samples in the same run: "
                        + "follow the model's branches, reading the choices so far)", seed, index, a, null);
            }
        }
    }
}
