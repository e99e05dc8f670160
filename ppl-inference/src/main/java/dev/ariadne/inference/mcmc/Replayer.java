package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Handler;
import dev.ariadne.core.Message;
import dev.ariadne.core.SiteKind;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.ValueKind;
import java.util.Arrays;

/**
 * The effect handler under every MCMC proposal: it re-runs the model reusing the latent choices of a source state
 * by address, except one edited site, and records the new run's choices into a target state. For each new choice
 * it notes where the value came from: reused from the source, the edited site, or fresh (drawn from its prior by
 * the engine, because the source has no choice of the same kind at that address). Source choices that the new run
 * never reused are stale. Reuse is symmetric (same address and same kind of value, and the same length for
 * vectors), which is what the lightweight-MH acceptance ratio needs: the reverse move reuses exactly the choices
 * the forward move reused.
 *
 * <p>Sites are matched by position first (a run that repeats the source site for site compares names, indices
 * and scopes and builds no address), then by address through the source's index. Without a source it only records
 * (a run from the prior or a guide). With a guide to score, it also sums each reused value's log density under
 * the guide's proposal, as the guide would have proposed it at that point of the run.
 */
final class Replayer extends Handler {

    static final int FRESH = -1;
    static final int EDITED = -2;

    /** The state whose choices are reused, or null to only record. */
    TraceState<?> source;
    /** The source position of the edited choice, or -1. */
    int edit = -1;
    /** The edited choice's new value (boxed as {@link Message#setValue} takes it), or null to draw it from the prior. */
    Object editValue;
    /** Where the run is recorded. */
    TraceState<?> into;
    /** A guide under which to score the reused values, or null. */
    Guide scoreGuide;

    /** Per choice of the new run: the source position it reused, {@link #EDITED} or {@link #FRESH}. */
    int[] origin = new int[16];
    /** Per source choice: whether the new run reused it. */
    boolean[] used = new boolean[16];
    boolean editReached;
    /** The edited choice's value in the last run, as a number (a boolean as 0 or 1), NaN if not reached or not one. */
    double editedValue;
    double scoreLogQ;

    private int position;
    private int currentPosition;
    private int cursor;
    private int pending;
    /** The source position whose address the pending choice shares (reused or edited), or -1. */
    private int pendingSource;

    /** Prepares a replay of {@code source} (null: record only) with the given edit, recording into {@code into}. */
    void prepare(TraceState<?> source, int edit, Object editValue, TraceState<?> into, Guide scoreGuide) {
        this.source = source;
        this.edit = edit;
        this.editValue = editValue;
        this.into = into;
        this.scoreGuide = scoreGuide;
    }

    @Override
    protected void enterRun() {
        position = 0;
        cursor = 0;
        editReached = false;
        editedValue = Double.NaN;
        scoreLogQ = 0;
        into.clear();
        if (source != null) {
            if (used.length < source.size) {
                used = new boolean[Math.max(source.size, 2 * used.length)];
            } else {
                Arrays.fill(used, 0, source.size, false);
            }
        }
    }

    @Override
    protected void process(Message m) {
        currentPosition = position++;
        if (m.kind() != SiteKind.LATENT) {
            return;
        }
        pending = FRESH;
        pendingSource = -1;
        if (source == null || m.hasValue()) {
            return;
        }
        int j = locate(m);
        if (j < 0) {
            return;
        }
        pendingSource = j;
        if (j == edit) {
            editReached = true;
            pending = EDITED;
            if (editValue != null) {
                m.setValue(editValue);
            }
            return;
        }
        used[j] = true;
        pending = j;
        m.setValue(boxed(source, j));
        if (scoreGuide != null) {
            // While a handler decides a site, its history holds the sites before it: what the guide saw when it
            // proposed this value.
            Dist q = scoreGuide.propose(m.site(), m.prior(), m.history());
            scoreLogQ += Densities.logDensity(q, source.kinds[j], source.scalars[j], source.objects[j]);
        }
    }

    @Override
    protected void postprocess(Message m) {
        if (m.kind() != SiteKind.LATENT) {
            return;
        }
        int k = into.size;
        Address address = pendingSource >= 0 ? source.cachedAddress(pendingSource) : null;
        into.add(m.site(), address, m.prior(), m.logP(), currentPosition);
        if (origin.length <= k) {
            origin = Arrays.copyOf(origin, 2 * origin.length);
        }
        origin[k] = pending;
        if (pending == EDITED) {
            Object v = m.value();
            editedValue = v instanceof Number ? ((Number) v).doubleValue()
                    : v instanceof Boolean ? ((Boolean) v ? 1 : 0) : Double.NaN;
        }
    }

    /** The source position of the choice at this message's address and kind of value, or -1. */
    private int locate(Message m) {
        TraceState<?> s = source;
        ValueKind kind = m.prior().valueKind();
        int c = cursor;
        if (c < s.size && s.isAt(c, m.site())) {
            cursor = c + 1;
            return fits(s, c, kind, m) ? c : -1;
        }
        Integer j = s.index().get(m.address());
        if (j == null) {
            return -1;
        }
        cursor = j + 1;
        return fits(s, j, kind, m) ? j : -1;
    }

    private static boolean fits(TraceState<?> s, int j, ValueKind kind, Message m) {
        if (s.kinds[j] != kind) {
            return false;
        }
        return kind != ValueKind.VECTOR || s.priors[j].support().dim() == m.prior().support().dim();
    }

    /** Choice j's value as {@link Message#setValue} takes it. */
    static Object boxed(TraceState<?> s, int j) {
        switch (s.kinds[j]) {
            case REAL:
                return s.scalars[j];
            case INT:
                return (int) s.scalars[j];
            case BOOL:
                return s.scalars[j] != 0;
            default:
                return s.objects[j];
        }
    }
}
