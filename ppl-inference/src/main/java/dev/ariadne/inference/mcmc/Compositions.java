package dev.ariadne.inference.mcmc;

import dev.ariadne.core.AddressPattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Kernels made of kernels. A cycle applies its parts in turn; a mixture applies one part, chosen with fixed
 * probabilities; a repeat applies one part n times. Each leaves invariant any target its parts leave invariant:
 * invariance is preserved by composition and by mixing with weights that do not depend on the state.
 */
final class Compositions {

    private Compositions() {
    }

    /** Every kernel in {@code k} that is not itself a composition, in order: {@code k} alone if it is none. */
    static List<Kernel> parts(Kernel k) {
        List<Kernel> out = new ArrayList<>();
        addParts(k, out);
        return out;
    }

    private static void addParts(Kernel k, List<Kernel> out) {
        if (k instanceof Cycle c) {
            Arrays.stream(c.parts).forEach(part -> addParts(part, out));
        } else if (k instanceof Mixture m) {
            Arrays.stream(m.parts).forEach(part -> addParts(part, out));
        } else if (k instanceof Repeat r) {
            addParts(r.part, out);
        } else {
            out.add(k);
        }
    }

    /** The moves of a composition's parts: warm-up ends for all of them, and their counts are reported in order. */
    private abstract static class Parts<T> extends Move<T> {
        final List<Move<T>> moves = new ArrayList<>();

        Parts(Kernel... parts) {
            for (Kernel k : parts) {
                moves.add(k.newMove());
            }
        }

        @Override
        void endWarmup() {
            moves.forEach(Move::endWarmup);
        }

        @Override
        void collect(List<KernelStats> out) {
            moves.forEach(m -> m.collect(out));
        }
    }

    /** The parts in turn. */
    static final class Cycle extends Kernel {
        private static final long serialVersionUID = 1L;
        final Kernel[] parts;

        Cycle(Kernel[] parts) {
            this.parts = parts.clone();
        }

        @Override
        <T> Move<T> newMove() {
            return new Parts<T>(parts) {
                @Override
                void step(Sampler<T> sampler) {
                    for (Move<T> m : moves) {
                        m.step(sampler);
                    }
                }
            };
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("cycle(");
            for (int i = 0; i < parts.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(parts[i].describe());
            }
            return sb.append(')').toString();
        }

        @Override
        Kernel restrictedTo(AddressPattern[] patterns) {
            return new Cycle(Arrays.stream(parts).map(k -> k.restrictedTo(patterns)).toArray(Kernel[]::new));
        }

        @Override
        Kernel reversed() {
            Kernel[] r = new Kernel[parts.length];
            for (int i = 0; i < parts.length; i++) {
                r[i] = parts[parts.length - 1 - i].reversed();
            }
            return new Cycle(r);
        }
    }

    /** One part, chosen with fixed probabilities. */
    static final class Mixture extends Kernel {
        private static final long serialVersionUID = 1L;
        final double[] cumulative;
        final Kernel[] parts;

        Mixture(double[] weights, Kernel[] parts) {
            this.parts = parts.clone();
            this.cumulative = new double[weights.length];
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            double c = 0;
            for (int i = 0; i < weights.length; i++) {
                c += weights[i] / total;
                cumulative[i] = c;
            }
            cumulative[weights.length - 1] = 1;
        }

        @Override
        <T> Move<T> newMove() {
            return new Parts<T>(parts) {
                @Override
                void step(Sampler<T> sampler) {
                    double u = sampler.rng.nextDouble();
                    int i = 0;
                    while (u >= cumulative[i]) {
                        i++;
                    }
                    moves.get(i).step(sampler);
                }
            };
        }

        @Override
        public String describe() {
            StringBuilder sb = new StringBuilder("mixture(");
            double previous = 0;
            for (int i = 0; i < parts.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g ", cumulative[i] - previous))
                        .append(parts[i].describe());
                previous = cumulative[i];
            }
            return sb.append(')').toString();
        }

        @Override
        Kernel restrictedTo(AddressPattern[] patterns) {
            return new Mixture(weights(), Arrays.stream(parts).map(k -> k.restrictedTo(patterns))
                    .toArray(Kernel[]::new));
        }

        @Override
        Kernel reversed() {
            return new Mixture(weights(), Arrays.stream(parts).map(Kernel::reversed).toArray(Kernel[]::new));
        }

        private double[] weights() {
            double[] w = new double[parts.length];
            double previous = 0;
            for (int i = 0; i < parts.length; i++) {
                w[i] = cumulative[i] - previous;
                previous = cumulative[i];
            }
            return w;
        }
    }

    /** One part, n times in a row. */
    static final class Repeat extends Kernel {
        private static final long serialVersionUID = 1L;
        final Kernel part;
        final int times;

        Repeat(Kernel part, int times) {
            if (times < 1) {
                throw new IllegalArgumentException("repeat: times must be >= 1, got " + times);
            }
            this.part = part;
            this.times = times;
        }

        @Override
        <T> Move<T> newMove() {
            return new Parts<T>(part) {
                @Override
                void step(Sampler<T> sampler) {
                    Move<T> m = moves.get(0);
                    for (int i = 0; i < times; i++) {
                        m.step(sampler);
                    }
                }
            };
        }

        @Override
        public String describe() {
            return times + " x " + part.describe();
        }

        @Override
        Kernel restrictedTo(AddressPattern[] patterns) {
            return new Repeat(part.restrictedTo(patterns), times);
        }

        @Override
        Kernel reversed() {
            return new Repeat(part.reversed(), times);
        }
    }
}
