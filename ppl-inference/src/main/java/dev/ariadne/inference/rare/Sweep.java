package dev.ariadne.inference.rare;

import dev.ariadne.core.Model;
import dev.ariadne.core.Rng;
import dev.ariadne.inference.run.StopSignal;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One sweep of subset simulation on one thread: n runs from the prior, then level after level, the fraction of the
 * population at or above the level, seeds drawn from the survivors, and a chain of moves from each seed whose
 * states are the next population.
 *
 * <p><b>Why a sweep with fixed levels is unbiased.</b> Let A_j be the runs whose margin is at least L_j
 * (L_1 < ... < L_m = 0, so A_1 ⊇ ... ⊇ A_m), eta_j the prior restricted to A_j, and K_j the level move at L_j,
 * which leaves eta_j invariant ({@link LevelMove}). Level 1 draws n runs from the prior, so its fraction p_1 has mean
 * P(A_1). At level j, given everything so far (F_j), the s seeds are drawn from the survivors by systematic
 * resampling, so each survivor is expected to seed s / |S_j| chains; each chain makes k = n / s moves and all its
 * states are kept. Then E[(1/n) sum_t f(Y_t) | F_j] = (1/|S_j|) sum_{x in S_j} Kbar_j f(x) with
 * Kbar_j = (1/k) sum_{i=1..k} K_j^i, a fixed kernel that leaves eta_j invariant. The particles need not be
 * independent: only this conditional mean enters the martingale argument of Del Moral (2004) and Cerou, Del Moral,
 * Furon and Guyader (2012), which gives E[prod_j p_j] = P(A_1) prod_j eta_j(Kbar_j 1[A_{j+1}]) = P(A_m), because
 * eta_j Kbar_j = eta_j. The last level's fraction also multiplies each run by its likelihood p(e | x) (1 for a model
 * whose only evidence is its margin conditions), which makes the product's mean P(e). This holds for any n, any
 * moves that keep eta_j invariant, and whatever the chains' mixing: poor moves widen the spread, never the mean. It
 * needs the levels, the number of seeds and moves, and the steps fixed before the sweep: the pilot sweep chooses
 * them from its own particles, and only sweeps that did not choose them are certified. Where the moves step discrete
 * choices, a particle carries each one's coordinate beside its run ({@link DiscreteCoordinates}): the argument then
 * runs on the prior extended by the coordinates, whose marginal is the prior, and the A_j, read from the runs alone,
 * keep their probabilities.
 */
final class Sweep {

    private static final long KERNEL_SALT = 0x52415245_4B45524EL;

    /** How many runs pass between two looks at the stop signal. */
    static final int CHECK_EVERY = 256;

    private final LevelMove move;
    private StopSignal stop = StopSignal.NEVER;
    private int sinceCheck;
    private final int particles;
    private final int seeds;
    private final int chain;

    Sweep(Model<?> model, int particles, double levelFraction) {
        this(model, particles, levelFraction, LevelMove.Breakage.NONE, false);
    }

    /** A sweep whose moves step discrete labels too when {@code stepLabels} ({@link LevelMove}). */
    Sweep(Model<?> model, int particles, double levelFraction, boolean stepLabels) {
        this(model, particles, levelFraction, LevelMove.Breakage.NONE, stepLabels);
    }

    /** A sweep whose moves are broken as {@code breakage} says (tests of the tests only). */
    Sweep(Model<?> model, int particles, double levelFraction, LevelMove.Breakage breakage) {
        this(model, particles, levelFraction, breakage, false);
    }

    private Sweep(Model<?> model, int particles, double levelFraction, LevelMove.Breakage breakage,
                  boolean stepLabels) {
        this.move = new LevelMove(model, 0, breakage, stepLabels);
        this.chain = Math.max(1, (int) Math.round(1 / levelFraction));
        this.seeds = Math.max(1, (particles + chain - 1) / chain);
        this.particles = seeds * chain;
    }

    /**
     * Makes the sweep ask {@code signal} every {@value #CHECK_EVERY} runs, and end with {@link Stopped} when it asks
     * to stop (the run backend's signal: the caller was interrupted, another shard failed, or the time budget ran out).
     */
    void stopWhen(StopSignal signal) {
        this.stop = signal;
    }

    private void check() {
        if (++sinceCheck >= CHECK_EVERY) {
            sinceCheck = 0;
            if (stop.requested()) {
                throw new Stopped();
            }
        }
    }

    /** Thrown out of a sweep asked to stop; its worker returns the partial of the sweeps it finished. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("subset simulation sweep stopped", null, false, false);
        }
    }

    /** The population size: seeds times moves per chain (at least the particles asked for). */
    int particles() {
        return particles;
    }

    long attempts() {
        return move.attempts;
    }

    long accepts() {
        return move.accepts;
    }

    /**
     * A sweep with fixed levels and steps; returns log of the product of the level fractions (the last one
     * weighted by the likelihood), -inf when a level has no survivor.
     */
    double fixed(long runSeed, double[] levels, double[] steps) {
        start(runSeed);
        List<Particle> pop = prior();
        double logZ = 0;
        for (int j = 0; j < levels.length; j++) {
            boolean last = j == levels.length - 1;
            double f = last ? finalFraction(pop) : fraction(pop, levels[j]);
            if (!(f > 0)) {
                return Double.NEGATIVE_INFINITY;
            }
            logZ += Math.log(f);
            if (!last) {
                pop = advance(pop, levels[j], steps[j], null);
            }
        }
        return logZ;
    }

    /**
     * The pilot sweep: each level is the (1 - rho) quantile of the population's margins (or the least margin above
     * the previous level when the quantile did not move), until it reaches 0; the step at each level adapts toward
     * an acceptance of {@code acceptance} during that level's moves and is recorded as it ends.
     */
    Pilot pilot(long runSeed, double levelFraction, int maxLevels, double acceptance, double initialStep) {
        Pilot p = climb(runSeed, levelFraction, maxLevels, acceptance, initialStep);
        p.redrawn = move.redrawn;
        return p;
    }

    /**
     * Why every run's margin may be the same value {@code margin}: the runs have climbed to the highest margin the
     * model allows below 0 (a sum of five Uniform(0, 1) at least 6: every margin came to -1.0, and the message
     * blamed rounding alone, to a new user), a score of few values that no one move raises (a walk's highest point,
     * which a new user was told might be the most the model allows where P(e) was 1.5e-4), or score - threshold
     * rounds to -threshold where the threshold is beyond
     * 2^53 times the scores (a statistician's P(Cauchy > 1e200): every margin was -1e200, and the message blamed the
     * moves), or a next value that too few of {@code particles} runs reach (three parallel pairs of components that
     * fail with probability 0.001: a second failed pair holds about 1 in 250 of the runs with one, which none of 1,000
     * particles met and 10,000 did; the message led with "the event may be impossible", to a new user).
     */
    private static String tied(double margin, int particles) {
        return "; every run's margin is exactly " + margin + ", so the levels cannot tell the runs apart: the runs "
                + "have reached the highest margin the model allows (the event may be impossible, its score never "
                + "reaching the threshold), or a score that takes few values cannot rise by one choice's move (two "
                + "rare faults that must both occur, or a walk's highest point that needs several steps up in a row: "
                + "give the score a margin that grows with each choice, or use a guide, GuideSearch with "
                + "Strategy.crossEntropy()), or a next value so rare among the runs at this margin that none of the "
                + String.format(java.util.Locale.ROOT, "%,d", particles) + " particles met it (rare faults counted: "
                + "more particles, SubsetSimulation.particles(n), show a next level held by about one run in n), or "
                + "score - threshold rounds to -threshold, as where the threshold is "
                + "more than 2^53 times the scores (state the event on a scale where they are near it, "
                + "p.condition(name, Math.log(score), Math.log(threshold)) for a positive score)";
    }

    private Pilot climb(long runSeed, double levelFraction, int maxLevels, double acceptance, double initialStep) {
        start(runSeed);
        List<Particle> pop = prior();
        List<Double> levels = new ArrayList<>();
        List<Double> steps = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        double step = initialStep;
        double previous = Double.NEGATIVE_INFINITY;
        int stalls = 0;
        while (true) {
            double[] m = new double[pop.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = pop.get(i).margin;
            }
            Arrays.sort(m);
            if (levels.isEmpty() && !hasFiniteMargin(m)) {
                throw new IllegalArgumentException("subset simulation needs the evidence stated with its margin, "
                        + "p.condition(name, score, threshold) (holds when score >= threshold): none of the pilot's "
                        + m.length + " runs met a margin condition (their margins are all +inf or -inf)");
            }
            double gamma = m[Math.min(m.length - 1, (int) Math.floor((1 - levelFraction) * m.length))];
            if (gamma == Double.NEGATIVE_INFINITY) {
                return Pilot.stuck(levels, steps, fractions, rates, "fewer than a fraction " + levelFraction
                        + " of the " + m.length + " runs at level " + levels.size() + " have a margin: the rest "
                        + "failed another way (a plain condition, a zero likelihood)");
            }
            if (!(gamma > previous)) {
                gamma = Double.NaN;
                for (double v : m) {
                    if (v > previous) {
                        gamma = v;
                        break;
                    }
                }
                if (Double.isNaN(gamma) && !levels.isEmpty() && stalls < STALLED_MOVES) {
                    // The runs' margins all lie at or below the last level: move them again at that level, which
                    // keeps them a sample of the prior above it. A count's next value, held by one run in 14 at the
                    // level below, was met by none of 100 particles in one move in 29 pilots of 200 (a statistician).
                    stalls++;
                    pop = advance(pop, previous, steps.get(steps.size() - 1), null);
                    continue;
                }
                if (Double.isNaN(gamma)) {
                    Pilot stuck = Pilot.stuck(levels, steps, fractions, rates, "no run of the population at level "
                            + levels.size() + " has a margin above " + previous + (stalls > 0 ? " after " + stalls
                            + " more moves at that level" : "") + ": the moves cannot climb"
                            + (m[0] == m[m.length - 1] ? tied(m[0], m.length) : ""));
                    stuck.cannotClimb = true;
                    return stuck;
                }
            }
            if (gamma >= 0 || levels.size() + 1 >= maxLevels) {
                levels.add(0.0);
                fractions.add(finalFraction(pop));
                return new Pilot(levels, steps, fractions, rates, gamma >= 0 ? null : "the pilot reached "
                        + "maxLevels(" + maxLevels + ") at margin " + gamma + " and jumped to the evidence, 0, in one "
                        + "level");
            }
            levels.add(gamma);
            fractions.add(fraction(pop, gamma));
            long a0 = move.attempts;
            long c0 = move.accepts;
            pop = advance(pop, gamma, step, new double[] {acceptance, 0});
            step = lastStep;
            steps.add(step);
            rates.add((move.accepts - c0) / (double) Math.max(1, move.attempts - a0));
            previous = gamma;
        }
    }

    private double lastStep;

    /** How many more times the pilot moves a population none of whose runs rose above the last level, at most. */
    static final int STALLED_MOVES = 10;

    private static boolean hasFiniteMargin(double[] margins) {
        for (double m : margins) {
            if (Double.isFinite(m)) {
                return true;
            }
        }
        return false;
    }

    private void start(long runSeed) {
        move.reseed(runSeed, Rng.forRun(runSeed ^ KERNEL_SALT, 0).nextLong());
    }

    private List<Particle> prior() {
        List<Particle> pop = new ArrayList<>(particles);
        for (int i = 0; i < particles; i++) {
            check();
            pop.add(move.fromPrior());
        }
        return pop;
    }

    private static double fraction(List<Particle> pop, double level) {
        int c = 0;
        for (Particle p : pop) {
            if (p.margin >= level) {
                c++;
            }
        }
        return c / (double) pop.size();
    }

    /** The mean of 1[margin >= 0] p(e | x) over the population. */
    private static double finalFraction(List<Particle> pop) {
        double s = 0;
        for (Particle p : pop) {
            if (p.margin >= 0) {
                s += Math.exp(p.logLikelihood);
            }
        }
        return s / pop.size();
    }

    /**
     * The next population: {@code seeds} survivors of {@code level} by systematic resampling, each the start of a
     * chain of {@code chain} moves whose states are kept. With {@code adapt} = {target acceptance, unused}, the step
     * adapts after each round of one move per chain (the pilot only); {@link #lastStep} is the step at the end.
     */
    private List<Particle> advance(List<Particle> pop, double level, double step, double[] adapt) {
        List<Particle> survivors = new ArrayList<>();
        for (Particle p : pop) {
            if (p.margin >= level) {
                survivors.add(p);
            }
        }
        Particle[] current = new Particle[seeds];
        double u = move.uniform();
        for (int i = 0; i < seeds; i++) {
            int k = (int) Math.floor((i + u) * survivors.size() / seeds);
            current[i] = survivors.get(Math.min(k, survivors.size() - 1));
        }
        List<Particle> next = new ArrayList<>(particles);
        // each with room for the choices of the run it moves, which the moves make again: grown from 8 by doubling,
        // a run of 40 choices copied nine arrays three times a move (13% of a call's time)
        Particle spare = new Particle(current[0].size);
        double s = step;
        for (int round = 0; round < chain; round++) {
            long a0 = move.attempts;
            long c0 = move.accepts;
            for (int i = 0; i < seeds; i++) {
                check();
                Particle moved = move.move(current[i], level, s, spare);
                if (moved == spare) {
                    spare = new Particle(moved.size);
                }
                current[i] = moved;
                next.add(moved);
            }
            if (adapt != null) {
                double rate = (move.accepts - c0) / (double) Math.max(1, move.attempts - a0);
                s = Math.min(1, s * Math.exp(rate - adapt[0]));
            }
        }
        lastStep = s;
        return next;
    }

    /** What the pilot chose: levels (the last is 0), the step at each level but the last, and what it saw. */
    static final class Pilot implements Serializable {
        private static final long serialVersionUID = 1L;
        final double[] levels;
        final double[] steps;
        final double[] fractions;
        final double[] acceptance;
        /** Why the pilot could not reach the evidence, or null. */
        final String stuck;
        /** A note on how the pilot ended (null when it reached 0 by its quantiles). */
        final String note;
        /** The model runs the pilot made (prior draws and moves), set by whoever ran it. */
        long runs;
        /**
         * The first discrete choice over three or more values that the pilot's moves kept or redrew rather than
         * stepped (its address, prior, and why), or null.
         */
        String redrawn;
        /** Whether the moves step discrete labels too (the pilot could not climb by redrawing them). */
        boolean stepLabels;
        /** Why the moves step discrete labels too, or null. */
        String discreteNote;
        /** Whether the pilot stopped because no run of a level's population rose above it (its moves cannot climb). */
        boolean cannotClimb;
        /** Whether the pilot was stopped before it reached the evidence (its time budget ran out). */
        boolean stopped;

        Pilot(List<Double> levels, List<Double> steps, List<Double> fractions, List<Double> acceptance,
              String note) {
            this(levels, steps, fractions, acceptance, null, note);
        }

        private Pilot(List<Double> levels, List<Double> steps, List<Double> fractions, List<Double> acceptance,
                      String stuck, String note) {
            this.levels = unbox(levels);
            this.steps = unbox(steps);
            this.fractions = unbox(fractions);
            this.acceptance = unbox(acceptance);
            this.stuck = stuck;
            this.note = note;
        }

        /** This pilot's levels, steps and what it saw, stuck for the reason {@code why}. */
        Pilot stuckBecause(String why) {
            return new Pilot(this, why);
        }

        private Pilot(Pilot from, String stuck) {
            this.levels = from.levels;
            this.steps = from.steps;
            this.fractions = from.fractions;
            this.acceptance = from.acceptance;
            this.stuck = stuck;
            this.note = from.note;
            this.runs = from.runs;
            this.redrawn = from.redrawn;
            this.stepLabels = from.stepLabels;
            this.cannotClimb = from.cannotClimb;
        }

        static Pilot stuck(List<Double> levels, List<Double> steps, List<Double> fractions, List<Double> rates,
                           String why) {
            return new Pilot(levels, steps, fractions, rates, why, null);
        }

        private static double[] unbox(List<Double> xs) {
            double[] a = new double[xs.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = xs.get(i);
            }
            return a;
        }
    }
}
