package dev.ariadne.inference;

import dev.ariadne.core.Address;
import dev.ariadne.core.Block;
import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.GuideProgram;
import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.Prob;
import dev.ariadne.core.Site;
import dev.ariadne.core.dist.BoolDist;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.IntDist;
import dev.ariadne.core.dist.RealDist;
import dev.ariadne.core.dist.VecDist;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Runs with one site's value forced: the value drawn with probability 1 at one address, and at every other site the
 * call's guide or guide program, or the prior. The runs' mean of w(x) 1[x_s = v] is an unbiased estimate of
 * P(e, x_s = v) whatever proposes elsewhere ({@link UnproposedValues#forced}), and a run's weight over the proposal's
 * density at v estimates the weight's mean there ({@link LightGuideTails}).
 */
final class ForcedValue {

    private ForcedValue() {
    }

    /**
     * {@code execution} with {@code point} (probability 1 at one value, a distribution of the site's kind) proposed at
     * {@code address}, and elsewhere its guide or guide program if {@code guideElsewhere}, else the prior. A guide
     * program's later choices see the forced value, as they would in a run that drew it.
     */
    static <T> Execution<T> execution(Execution<T> execution, boolean guideElsewhere, Address address, Dist point) {
        GuideProgram program = execution.guideProgram();
        if (program != null) {
            return execution.guideProgram(new Program(guideElsewhere ? program : null, address, point, null));
        }
        Guide at = Guide.bySite((site, history) -> site.address().equals(address) ? point : null);
        Guide elsewhere = execution.guide();
        return execution.guide(guideElsewhere && elsewhere != null ? at.orElse(elsewhere) : at);
    }

    /**
     * {@code execution} with {@code point} proposed at {@code address} and its guide or guide program elsewhere, as
     * {@link #execution}, handing {@code seen} at each run the distribution the guide or guide program would have
     * proposed at the address in that run's history (the one the call's runs draw from there); nothing where it
     * leaves the site to the prior, or the run never reaches it. A whole-run defensive mixture's guide is its inner
     * guide, as the runs that follow it draw.
     */
    static <T> Execution<T> seeingTheProposal(Execution<T> execution, Address address, Dist point,
                                              Consumer<Dist> seen) {
        GuideProgram program = execution.guideProgram();
        if (program != null) {
            return execution.guideProgram(new Program(program, address, point, seen));
        }
        Guide elsewhere = execution.guide() == null ? null : execution.guide().guideComponent();
        return execution.guide(new SeeingGuide(elsewhere, address, point, seen));
    }

    /** A guide that proposes the point at the address, handing on what {@code elsewhere} would have proposed there. */
    private record SeeingGuide(Guide elsewhere, Address address, Dist point, Consumer<Dist> seen) implements Guide {

        private static final long serialVersionUID = 1L;

        @Override
        public Dist propose(Site site, Dist prior, History history) {
            Dist q = elsewhere == null ? prior : elsewhere.propose(site, prior, history);
            if (!site.address().equals(address)) {
                return q;
            }
            if (q != prior && q != null) {
                seen.accept(q);
            }
            return point;
        }
    }

    /**
     * A guide program with the value forced. The call's guide program runs on a {@link Prob} that passes every call
     * through, but for a sample at the address, which takes the point in place of the guide program's distribution
     * there. A guide program that never samples the address (the model's prior draws it in the call's runs) has the
     * point sampled after it, in the address's scopes; without a guide program only the point is sampled, and the
     * model's prior draws every other latent.
     */
    private static final class Program implements GuideProgram {

        private static final long serialVersionUID = 1L;

        /** The call's guide program; null for the forced value alone. */
        private final GuideProgram program;
        private final Address address;
        private final Dist point;
        /** Handed the guide program's distribution at the address, where it samples there; null for none. */
        private final transient Consumer<Dist> seen;

        Program(GuideProgram program, Address address, Dist point, Consumer<Dist> seen) {
            this.program = program;
            this.address = address;
            this.point = point;
            this.seen = seen;
        }

        /** Runs the guide program with the value forced, then the value itself if the program never sampled it. */
        @Override
        public void run(Prob q) {
            boolean[] forced = {false};
            if (program != null) {
                program.run(forcing(q, null, forced));
            }
            if (!forced[0]) {
                Deque<Address> scopes = new ArrayDeque<>();
                for (Address s = address.scope(); s != null; s = s.scope()) {
                    scopes.push(s);
                }
                samplePointWithin(q, scopes);
            }
        }

        /** Samples the point at the address, inside {@code scopes} (outermost first), each entered in turn. */
        private void samplePointWithin(Prob q, Deque<Address> scopes) {
            if (!scopes.isEmpty()) {
                Address scope = scopes.pop();
                Block inner = p -> samplePointWithin(p, scopes);
                if (scope.hasIndex()) {
                    q.scoped(scope.name(), scope.index(), inner);
                } else {
                    q.scoped(scope.name(), inner);
                }
                return;
            }
            String name = address.name();
            int index = address.index();
            boolean indexed = address.hasIndex();
            if (point instanceof BoolDist b) {
                if (indexed) {
                    q.sample(name, index, b);
                } else {
                    q.sample(name, b);
                }
            } else if (point instanceof IntDist n) {
                if (indexed) {
                    q.sample(name, index, n);
                } else {
                    q.sample(name, n);
                }
            } else if (point instanceof RealDist r) {
                if (indexed) {
                    q.sample(name, index, r);
                } else {
                    q.sample(name, r);
                }
            } else if (indexed) {
                q.sample(name, index, (VecDist) point);
            } else {
                q.sample(name, (VecDist) point);
            }
        }

        /**
         * {@code q} inside {@code scope} (null at top level), passing every call through but a sample at the address,
         * whose distribution becomes the point (and {@code forced[0]} true); scopes entered through it are wrapped in
         * turn. A proxy: a guide program may call any of {@link Prob}'s forms, and each must reach {@code q}
         * unchanged.
         */
        private Prob forcing(Prob q, Address scope, boolean[] forced) {
            return (Prob) Proxy.newProxyInstance(Prob.class.getClassLoader(), new Class<?>[] {Prob.class},
                    (proxy, method, args) -> {
                        Object[] passed = args;
                        String name = method.getName();
                        if (name.equals("sample") && at(scope, args) && takesPoint(method)) {
                            forced[0] = true;
                            if (seen != null) {
                                seen.accept((Dist) args[args.length - 1]);
                            }
                            passed = args.clone();
                            passed[passed.length - 1] = point;
                        } else if (name.equals("call") || name.equals("scoped")) {
                            passed = args.clone();
                            Address inner = Address.of(scope, (String) args[0],
                                    args.length == 3 ? (Integer) args[1] : Address.NO_INDEX);
                            Object body = args[args.length - 1];
                            passed[passed.length - 1] = name.equals("call")
                                    ? (Model<Object>) p -> ((Model<?>) body).run(forcing(p, inner, forced))
                                    : (Block) p -> ((Block) body).run(forcing(p, inner, forced));
                        }
                        try {
                            return method.invoke(q, passed);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        /** Whether a sample's arguments (name, index if any, distribution) name the address in {@code scope}. */
        private boolean at(Address scope, Object[] args) {
            int index = args.length == 3 ? (Integer) args[1] : Address.NO_INDEX;
            return address.is(scope, (String) args[0], index);
        }

        /** Whether the sample form takes the point in its distribution's place: the site's kind is the point's. */
        private boolean takesPoint(Method sample) {
            Class<?>[] types = sample.getParameterTypes();
            return types[types.length - 1].isInstance(point);
        }
    }
}
