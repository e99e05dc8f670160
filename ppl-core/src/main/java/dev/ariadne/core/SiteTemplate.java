package dev.ariadne.core;

import dev.ariadne.core.dist.ValueKind;

/**
 * The addresses of one completed run of a model, kept so that a new engine of the same model starts as if it had
 * just made that run: its first run then repeats it site for site on the fast path, as every later run does.
 *
 * <p>Why it matters: a site's fast path ({@link SiteTable#repeat}) and its slow path (a call to
 * {@link Engine#enterOutOfLine}) meet in every site's compiled code, and what C2 makes of the slow path depends on
 * whether its profile ever saw it taken. An engine made fresh (inference makes one per shard of runs, 8,192 runs)
 * used to take the slow path at every site of its first run; C2 then compiled the call into the model's loop, where
 * a call makes it keep nothing in registers across a site (the run's totals are loaded and stored again at each
 * site, the model's own values reloaded from the stack). Where no fresh engine takes it, the slow path of a model
 * whose runs repeat is never taken after the first run, C2 compiles it as an uncommon trap and keeps the engine's
 * checks that do not change from site to site out of the model's loop (the thread's, the evidence flag, a
 * distribution's per-thread entry): an observation of a Poisson count made at its site compiled to about 70
 * instructions instead of 95.
 *
 * <p>A template is only a guess at the next run's sites, never trusted: a site is admitted on the fast path only if
 * its name, index, kinds and scope equal the slot's, and the addresses of a template are distinct (they are those of
 * one run, in which an address used twice is refused), so a run that repeats a template site for site has distinct
 * addresses, as one that repeats the previous run's. A run that leaves the template takes the slow path there, as a
 * run that leaves the previous run's does. What only the slow path checks stays checked: an engine takes no more of a
 * template than its cap on sites per run ({@link SiteTable#prime}), so the site that passes the cap still reaches the
 * slow path; the clock and interruption are checked every {@link RunLimits#CHECK_EVERY} sites as before (a template
 * holds no more); a guide program's engine, whose model's class is its own, sees templates of latent sites only.
 * Immutable, so that engines on other threads may share it.
 */
final class SiteTemplate {

    /** Templates by the model's class: lambdas of one expression share their template (a guess, as said above). */
    private static final ClassValue<Latest> BY_MODEL_CLASS = new ClassValue<>() {
        @Override
        protected Latest computeValue(Class<?> type) {
            return new Latest();
        }
    };

    /** The template last published for a class of model. */
    private static final class Latest {
        volatile SiteTemplate template;
    }

    final String[] names;
    final int[] indices;
    final Address[] scopes;
    final SiteKind[] kinds;
    final ValueKind[] valueKinds;
    final int[] hashes;

    /** The first {@code n} sites of {@code slots}: the sites of a run. */
    SiteTemplate(Slot[] slots, int n) {
        names = new String[n];
        indices = new int[n];
        scopes = new Address[n];
        kinds = new SiteKind[n];
        valueKinds = new ValueKind[n];
        hashes = new int[n];
        for (int i = 0; i < n; i++) {
            Slot s = slots[i];
            names[i] = s.name;
            indices[i] = s.index;
            scopes[i] = s.scope;
            kinds[i] = s.kind;
            valueKinds[i] = s.valueKind;
            hashes[i] = s.hash;
        }
    }

    /** How many sites the template holds. */
    int size() {
        return names.length;
    }

    /** The template last published for models of this class, or null. */
    static SiteTemplate latest(Class<?> modelClass) {
        return BY_MODEL_CLASS.get(modelClass).template;
    }

    /** Publishes a template for models of this class, in place of the last one. */
    static void publish(Class<?> modelClass, SiteTemplate template) {
        BY_MODEL_CLASS.get(modelClass).template = template;
    }
}
