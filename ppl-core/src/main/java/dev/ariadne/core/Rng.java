package dev.ariadne.core;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The random stream of one run. Run {@code i} of seed {@code s} draws from its own XoShiRo256++ generator, seeded
 * by SplitMix64 mixing of (s, i). Creating one is cheap and needs no sequential jumps, so any shard of run
 * indices can start anywhere, on any thread, and draw exactly what a single-threaded loop would have drawn.
 *
 * <p>This is the reproducibility contract of {@link #STREAM_VERSION} 1: the same seed, run index and model give
 * the same run, bit for bit. Saved guides record the stream version so that a change can be detected.
 *
 * <p>An Rng is a {@link UniformRandomProvider}, so any Commons RNG sampler can draw from it. It is not thread-safe;
 * each run owns one.
 */
public final class Rng implements UniformRandomProvider {

    /** The version of the seeding scheme: bumped if the mapping from (seed, run index) to streams ever changes. */
    public static final int STREAM_VERSION = 1;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final Stream source = new Stream();
    private ZigguratSampler.Exponential exponential;
    private long seed;
    private long index;

    private Rng(long seed, long index) {
        reset(seed, index);
    }

    /** The stream of run {@code index} under {@code seed}. */
    public static Rng forRun(long seed, long index) {
        return new Rng(seed, index);
    }

    /**
     * Re-points this object at the stream of run {@code index} under {@code seed}, as if it were new. Lets a
     * worker reuse one object across the runs it executes.
     */
    public void reset(long seed, long index) {
        this.seed = seed;
        this.index = index;
        long state = mix64(mix64(seed) + index * GOLDEN_GAMMA);
        long s0 = mix64(state += GOLDEN_GAMMA);
        long s1 = mix64(state += GOLDEN_GAMMA);
        long s2 = mix64(state += GOLDEN_GAMMA);
        long s3 = mix64(state + GOLDEN_GAMMA);
        source.reseed(s0, s1, s2, s3);
    }

    /**
     * XoShiRo256++ re-seeded in place, so that resetting allocates nothing and the samplers bound to it stay
     * valid. Seeding sets the four state words directly, exactly as the four-argument constructor does.
     */
    private static final class Stream extends XoShiRo256PlusPlus {
        Stream() {
            super(1L, 0L, 0L, 0L);
        }

        void reseed(long s0, long s1, long s2, long s3) {
            state0 = s0;
            state1 = s1;
            state2 = s2;
            state3 = s3;
            resetCachedState();
        }

        /**
         * The generator's step, bit for bit {@link #nextLong()} (XoShiRo256++), written on locals in one method: it
         * is inlined at every draw, and Commons' chain of four calls (nextLong, next, next, nextOutput, with two
         * calls of rotateLeft) counts 138 bytes of bytecode against C2's inlining budget where this counts fewer.
         */
        long step() {
            long s0 = state0;
            long s1 = state1;
            long s2 = state2;
            long s3 = state3;
            long sum = s0 + s3;
            long result = (sum << 23 | sum >>> 41) + s0;
            long t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            state1 = s1 ^ s2;
            state0 = s0 ^ s3;
            state2 = s2 ^ t;
            state3 = s3 << 45 | s3 >>> 19;
            return result;
        }
    }

    /** The seed this stream was made from. */
    public long seed() {
        return seed;
    }

    /** The run index this stream was made for. */
    public long runIndex() {
        return index;
    }

    /**
     * A standard normal draw (McFarland's modified ziggurat, bit for bit Commons RNG's
     * {@code ZigguratSampler.NormalizedGaussian} on this stream). The common path, 98.8% of draws, is this method's
     * one long and one multiply; the rest is out of line, so that a distribution drawing here never escapes into
     * a call (see {@link NormalZiggurat}).
     */
    public double standardNormal() {
        long xx = source.step();
        int i = ((int) xx) & 0xff;
        if (i < NormalZiggurat.I_MAX) {
            return NormalZiggurat.X[i] * xx;
        }
        return NormalZiggurat.edge(this, xx);
    }

    /** A standard exponential draw, mean 1 (Ziggurat). */
    public double standardExponential() {
        ZigguratSampler.Exponential e = exponential;
        if (e == null) {
            e = exponential = ZigguratSampler.Exponential.of(source);
        }
        return e.sample();
    }

    /** A uniform draw in the open interval (0, 1): never exactly 0, so its log is finite. */
    public double openUniform() {
        return ((source.step() >>> 11) + 0.5) * 0x1.0p-53;
    }

    @Override
    public long nextLong() {
        return source.step();
    }

    @Override
    public int nextInt() {
        return source.nextInt();
    }

    /**
     * A uniform draw in [0, 1): the top 53 bits of the next step, bit for bit Commons RNG's {@code nextDouble} on
     * this stream, taken from the one-method step so that a discrete draw inlines fewer bytes.
     */
    @Override
    public double nextDouble() {
        return (source.step() >>> 11) * 0x1.0p-53;
    }

    @Override
    public boolean nextBoolean() {
        return source.nextBoolean();
    }

    @Override
    public int nextInt(int n) {
        return source.nextInt(n);
    }

    @Override
    public long nextLong(long n) {
        return source.nextLong(n);
    }

    /**
     * A uniform number in the open interval (0, 1) determined by (seed, run index, purpose) alone, without creating
     * a generator: for per-run auxiliary randomness (such as priority-sampling keys) that must not disturb the
     * run's own stream and must not depend on scheduling.
     */
    public static double uniformOf(long seed, long index, long purpose) {
        long z = mix64(mix64(mix64(seed) + index * GOLDEN_GAMMA) + purpose * GOLDEN_GAMMA + 0x632BE59BD9B4E019L);
        return ((z >>> 11) + 0.5) * 0x1.0p-53;
    }

    /**
     * Whether runs {@code [fromA, toA)} under {@code seedA} and runs {@code [fromB, toB)} under {@code seedB} share a
     * stream. Run j under seed A starts from the same state as run j + k under seed B for exactly one offset k (the
     * seed's mix plus j times an odd constant, taken modulo 2^64, is a bijection), so two ranges of runs overlap
     * exactly when that k lands one range on the other. Estimates from runs that another computation used are not
     * independent of it: a search's certification, whose bound holds for any guide only because its runs are fresh,
     * made on a seed chosen so that k is small, re-used the search's own runs and certified above the truth in
     * every seed (an outside statistician).
     */
    public static boolean runsOverlap(long seedA, long fromA, long toA, long seedB, long fromB, long toB) {
        if (fromA >= toA || fromB >= toB) {
            return false;
        }
        long k = (mix64(seedA) - mix64(seedB)) * GOLDEN_GAMMA_INVERSE;
        // run j of A is run j + k of B: some j in [fromA, toA) has j + k in [fromB, toB)
        return k > fromB - toA && k < toB - fromA;
    }

    /**
     * The one seed under which run j starts from the state of run j + k under {@code seed}: what {@link #runsOverlap}
     * guards against, for a check of it (a certification seed built so is refused by the search it would re-use).
     */
    public static long seedWithRunsOf(long seed, long k) {
        long z = mix64(seed) + k * GOLDEN_GAMMA;
        z = unshift(z, 31) * inverseOf(0x94D049BB133111EBL);
        z = unshift(z, 27) * inverseOf(0xBF58476D1CE4E5B9L);
        return unshift(z, 30);
    }

    /** The inverse of {@code x ^ (x >>> s)}. */
    private static long unshift(long y, int s) {
        long x = y;
        for (int i = 0; i < 64 / s + 1; i++) {
            x = y ^ (x >>> s);
        }
        return x;
    }

    /** The inverse of {@link #GOLDEN_GAMMA} modulo 2^64 (Newton's iteration: each step doubles the correct bits). */
    private static final long GOLDEN_GAMMA_INVERSE = inverseOf(GOLDEN_GAMMA);

    private static long inverseOf(long odd) {
        long x = odd; // correct to 3 bits for any odd number
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    /** The SplitMix64 finaliser (Stafford's variant 13): a bijection on longs that mixes every bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "Rng(seed " + seed + ", run " + index + ")";
    }
}
