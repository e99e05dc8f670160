package dev.ariadne.inference.smc;

import dev.ariadne.core.Guide;
import dev.ariadne.core.History;
import dev.ariadne.core.Site;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.ValueKind;

/**
 * The guide that moves one particle of generic SMC forward: it replays the particle's recorded latent values in
 * order (the c-th latent site of the run gets a point mass at the c-th recorded value), then proposes fresh values
 * (from the user's guide, or the prior), and stops the run at the first latent site after an evidence site that
 * came after the fresh part began (a stopping proposal, {@link Replayed}). So one step covers the sites from the particle's last stopping point up to and
 * including its next block of evidence sites; consecutive evidence sites with no latent choice between them fall in
 * one step, where resampling between them would only add noise.
 *
 * <p>It is a guide, not an effect handler, so the model runs on the engine's fused path: a handler puts every site
 * on the general path, which cost about three times as much per site when this was measured. A run stopped by a
 * stopping proposal has weight 0 for the engine; {@link #stopSite()} says that the stop was this guide's.
 *
 * <p>Replaying by position is exact for a model whose run is determined by its random choices (what every replay in
 * Ariadne assumes). A model that is not (it reads a clock, a counter, an outside stream) is caught when the
 * recorded values and the run's sites stop lining up.
 */
final class ReplayGuide implements Guide {

    private static final long serialVersionUID = 1L;

    private final Guide user;
    private final transient Replayed.Set proposals = new Replayed.Set();
    private transient ParticleRecord record;
    private transient int replayCount;
    private transient int prefixSites;
    private transient int calls;
    private transient int evidenceAtStart;
    private transient int stopSite;

    ReplayGuide(Guide user) {
        this.user = user;
    }

    /** Prepares the next run: replay every value of {@code record}, then propose fresh values. */
    void prepare(ParticleRecord record) {
        this.record = record;
        this.replayCount = record.size;
        this.prefixSites = record.stop;
        this.calls = 0;
        this.stopSite = -1;
    }

    /** The index of the latent site at which the last run was stopped, or -1 if it ran to its end. */
    int stopSite() {
        return stopSite;
    }

    /** The number of latent sites the last run asked about (the stopped one included). */
    int calls() {
        return calls;
    }

    @Override
    public Dist propose(Site site, Dist prior, History history) {
        int c = calls++;
        if (c < replayCount) {
            return pointMass(record, c, prior, site);
        }
        int evidence = history.size() - c;
        if (c == replayCount) {
            if (prefixSites >= 0 && history.size() != prefixSites) {
                throw notReplayable(site, "the particle stopped after " + prefixSites + " sites, and its replay "
                        + "reached " + history.size());
            }
            evidenceAtStart = evidence;
        } else if (evidence > evidenceAtStart) {
            stopSite = history.size();
            return proposals.stop(prior);
        }
        return user == null ? prior : user.propose(site, prior, history);
    }

    private Dist pointMass(ParticleRecord a, int at, Dist prior, Site site) {
        ValueKind kind = ParticleRecord.KINDS[a.kinds[at]];
        if (kind != prior.valueKind()) {
            throw notReplayable(site, "its recorded value is " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " and the prior " + prior.describe() + " draws " + prior.valueKind().name()
                    .toLowerCase(java.util.Locale.ROOT));
        }
        return proposals.pointMass(a, at, prior);
    }

    static IllegalStateException notReplayable(Site site, String why) {
        return new IllegalStateException("generic SMC cannot replay this particle at " + site.address() + ": " + why
                + "; the model's run must be determined by its random choices");
    }
}
