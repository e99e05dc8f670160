package dev.ariadne.search;

import dev.ariadne.core.dist.Dist;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a guide under search records about one run: for each site it proposed at, the parameters it used, the
 * proposal, and (after the run) the value, so that the score of log q in the parameters can be computed in closed
 * form (built-in families) or by central differences (programs), and the cross-entropy method can refit. Belongs
 * to one worker thread. A site left at its prior is recorded too, with no family and the reason, so that the search
 * can report it.
 */
final class Tape {

    /** One proposal of one run; serialisable, as part of a run's {@link RunOutcome}. */
    static final class Entry implements Serializable {
        private static final long serialVersionUID = 1L;
        int position;
        String key;
        /** The site's family; null when the site kept its prior (then {@link #atPrior} says why). */
        SiteFamily family;
        String atPrior;
        /**
         * Where the site kept its prior because the guide's parameters there are of another family or shape: the
         * start's reason as a starting guide's misfit ({@link Layout#startMisfits}); null otherwise.
         */
        String startMisfit;
        Dist prior;
        Dist proposal;
        /** The site's parameters as proposed, a structured location's shift included (so unshifted when new). */
        double[] used;
        /** The regressors' addresses and unconstrained values (structured locations). */
        String[] regressors;
        double[] regressorValues;
        /** Program families: the parameter indices read, and log q at theta +- h along each. */
        int[] read;
        Dist[] plus;
        Dist[] minus;
        double[] step;
        /** The value after the run: scalar (booleans 0/1) or vector. */
        double x;
        double[] vec;
        boolean reached;
    }

    final List<Entry> entries = new ArrayList<>();

    void clear() {
        entries.clear();
    }

    Entry add() {
        Entry e = new Entry();
        entries.add(e);
        return e;
    }
}
