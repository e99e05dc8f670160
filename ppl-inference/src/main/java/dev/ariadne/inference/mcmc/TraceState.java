package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.History;
import dev.ariadne.core.RunReplay;
import dev.ariadne.core.Site;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Support;
import dev.ariadne.core.dist.ValueKind;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One state of a Markov chain over a model's runs: the latent choices of one run in the order they were made, each
 * with its address, prior and log prior density, and the run's totals (log p(x), log p(e | x), the target's log
 * density) and return value. Evidence sites are not kept: they follow from the choices.
 *
 * <p>A chain owns the states it writes into and reuses their arrays from step to step; {@link #copy()} makes an
 * independent snapshot (SMC keeps one per particle). Positions run from 0 to {@code size() - 1}.
 *
 * @param <T> the model's return type
 */
public final class TraceState<T> {

    int size;
    String[] names = new String[8];
    int[] indices = new int[8];
    Address[] scopes = new Address[8];
    private Address[] addresses = new Address[8];
    Dist[] priors = new Dist[8];
    ValueKind[] kinds = new ValueKind[8];
    double[] scalars = new double[8];
    Object[] objects = new Object[8];
    double[] logPs = new double[8];
    /** Each site's position among all sites of its run (evidence included), to read its value back. */
    int[] positions = new int[8];
    double logPrior;
    double logLikelihood;
    double logTarget;
    T value;
    /** The guide this state's log q was computed under, or null: a cache for independence proposals. */
    Object scoredBy;
    double logQScore;
    private Map<Address, Integer> byAddress;
    /** Counts the rewrites of the choices ({@link #clear}), so that a replay made from them knows it is stale. */
    int version;

    TraceState() {
    }

    /** The number of latent choices. */
    public int size() {
        return size;
    }

    /** The address of choice {@code i}. */
    public Address address(int i) {
        check(i);
        Address a = addresses[i];
        if (a == null) {
            a = Address.of(scopes[i], names[i], indices[i]);
            addresses[i] = a;
        }
        return a;
    }

    /** The kind of value of choice {@code i}. */
    public ValueKind valueKind(int i) {
        return kinds[check(i)];
    }

    /** The prior choice {@code i} was scored under (its parameters reflect the earlier choices). */
    public Dist prior(int i) {
        return priors[check(i)];
    }

    /** The log prior density (or mass) of choice {@code i}'s value. */
    public double logPrior(int i) {
        return logPs[check(i)];
    }

    /** The value of real choice {@code i}. */
    public double real(int i) {
        return scalarOf(i, ValueKind.REAL);
    }

    /** The value of integer choice {@code i}. */
    public int integer(int i) {
        return (int) scalarOf(i, ValueKind.INT);
    }

    /** The value of boolean choice {@code i}. */
    public boolean bool(int i) {
        return scalarOf(i, ValueKind.BOOL) != 0;
    }

    /** The value of choice {@code i}, boxed (a vector is copied). */
    public Object value(int i) {
        switch (kinds[check(i)]) {
            case REAL:
                return scalars[i];
            case INT:
                return (int) scalars[i];
            case BOOL:
                return scalars[i] != 0;
            case VECTOR:
                return ((double[]) objects[i]).clone();
            default:
                return objects[i];
        }
    }

    /** The position of the choice at {@code address}, or -1 if this run did not make it. */
    public int find(Address address) {
        Integer i = index().get(address);
        return i == null ? -1 : i;
    }

    /** log p(x): the sum of the choices' log prior densities. */
    public double logPrior() {
        return logPrior;
    }

    /** log p(e | x): the run's evidence. */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** The log density of the chain's target at this state. */
    public double logTarget() {
        return logTarget;
    }

    /** The model's return value for this run. */
    public T returnValue() {
        return value;
    }

    /** An independent copy. */
    public TraceState<T> copy() {
        TraceState<T> c = new TraceState<>();
        c.copyFrom(this);
        return c;
    }

    // ---------------------------------------------------------------- package: written by the chain

    void copyFrom(TraceState<T> s) {
        clear();
        ensure(s.size);
        size = s.size;
        System.arraycopy(s.names, 0, names, 0, size);
        System.arraycopy(s.indices, 0, indices, 0, size);
        System.arraycopy(s.scopes, 0, scopes, 0, size);
        System.arraycopy(s.addresses, 0, addresses, 0, size);
        System.arraycopy(s.priors, 0, priors, 0, size);
        System.arraycopy(s.kinds, 0, kinds, 0, size);
        System.arraycopy(s.scalars, 0, scalars, 0, size);
        System.arraycopy(s.positions, 0, positions, 0, size);
        System.arraycopy(s.logPs, 0, logPs, 0, size);
        for (int i = 0; i < size; i++) {
            Object o = s.objects[i];
            objects[i] = o instanceof double[] ? ((double[]) o).clone() : o;
        }
        logPrior = s.logPrior;
        logLikelihood = s.logLikelihood;
        logTarget = s.logTarget;
        value = s.value;
        scoredBy = s.scoredBy;
        logQScore = s.logQScore;
    }

    /** Empties the state before a run records into it; every change of its choices starts here (copies too). */
    void clear() {
        version++;
        for (int i = 0; i < size; i++) {
            objects[i] = null;
        }
        size = 0;
        byAddress = null;
        scoredBy = null;
        value = null;
    }

    /**
     * Appends a choice whose value is read back later; {@code address} may be null (made on demand). A buffer is
     * refilled with much the same sites at every step, so a reference is compared before it is stored: a store
     * costs a garbage-collector barrier, a compare does not.
     */
    void add(Site site, Address address, Dist prior, double logP, int position) {
        add(site.name(), site.index(), site.scope(), address, prior, logP, position);
    }

    /** {@link #add(Site, Address, Dist, double, int)} with the site's address in its parts. */
    void add(String name, int index, Address scope, Address address, Dist prior, double logP, int position) {
        ensure(size + 1);
        int i = size++;
        if (names[i] != name) {
            names[i] = name;
        }
        indices[i] = index;
        if (scopes[i] != scope) {
            scopes[i] = scope;
        }
        if (addresses[i] != address) {
            addresses[i] = address;
        }
        if (priors[i] != prior) {
            if (prior.support() == null) {
                throw new IllegalStateException(Support.nullFrom("the model's distribution", prior.getClass(),
                        address != null ? address : Address.of(scope, name, index)));
            }
            priors[i] = prior;
        }
        ValueKind kind = prior.valueKind();
        if (kinds[i] != kind) {
            kinds[i] = kind;
        }
        logPs[i] = logP;
        positions[i] = position;
    }

    /**
     * Records the run a replay on the engine's path made of {@code source}'s choices, site for site ({@link
     * dev.ariadne.core.Runner#replay}), into this state, cleared before the replay, which wrote each choice's prior
     * here ({@link #priorsForReplay}): the same addresses and kinds as {@code source}, and from {@code plan} each
     * choice's position, log p and value (a vector's or object's from the run's history {@code h}). What {@link #add}
     * and reading the values back would record, without a call per choice.
     */
    void replayed(TraceState<?> source, RunReplay plan, History h) {
        int n = source.size;
        ensure(n);
        size = n;
        for (int i = 0; i < n; i++) {
            if (names[i] != source.names[i]) {
                names[i] = source.names[i];
            }
            indices[i] = source.indices[i];
            if (scopes[i] != source.scopes[i]) {
                scopes[i] = source.scopes[i];
            }
            if (addresses[i] != source.addresses[i]) {
                addresses[i] = source.addresses[i];
            }
            ValueKind kind = source.kinds[i];
            if (kinds[i] != kind) {
                kinds[i] = kind;
            }
            int p = plan.position(i);
            positions[i] = p;
            logPs[i] = plan.logP(i);
            if (kind == ValueKind.VECTOR) {
                objects[i] = h.vector(p);
            } else if (kind == ValueKind.OBJECT) {
                objects[i] = h.value(p);
            } else {
                scalars[i] = plan.value(i);
            }
        }
    }

    /** The array of priors, with room for {@code n} choices, for a replay to write into ({@link #replayed}). */
    Dist[] priorsForReplay(int n) {
        ensure(n);
        return priors;
    }

    /** Whether choice {@code i} is at the site's address, compared without building an address. */
    boolean isAt(int i, Site site) {
        return indices[i] == site.index() && names[i].equals(site.name())
                && (scopes[i] == site.scope() || (scopes[i] != null && scopes[i].equals(site.scope())));
    }

    /** The cached address of choice i, or null if it was never made. */
    Address cachedAddress(int i) {
        return addresses[i];
    }

    Map<Address, Integer> index() {
        if (byAddress == null) {
            byAddress = new HashMap<>(2 * size);
            for (int i = 0; i < size; i++) {
                byAddress.put(address(i), i);
            }
        }
        return byAddress;
    }

    private double scalarOf(int i, ValueKind kind) {
        if (kinds[check(i)] != kind) {
            throw new IllegalArgumentException("choice " + address(i) + " holds a "
                    + kinds[i].name().toLowerCase(java.util.Locale.ROOT) + " value, not "
                    + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        return scalars[i];
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("choice " + i + " outside 0.." + (size - 1));
        }
        return i;
    }

    private void ensure(int capacity) {
        if (capacity <= names.length) {
            return;
        }
        int c = Math.max(capacity, 2 * names.length);
        names = Arrays.copyOf(names, c);
        indices = Arrays.copyOf(indices, c);
        scopes = Arrays.copyOf(scopes, c);
        addresses = Arrays.copyOf(addresses, c);
        priors = Arrays.copyOf(priors, c);
        kinds = Arrays.copyOf(kinds, c);
        scalars = Arrays.copyOf(scalars, c);
        objects = Arrays.copyOf(objects, c);
        logPs = Arrays.copyOf(logPs, c);
        positions = Arrays.copyOf(positions, c);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TraceState{");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(address(i)).append('=').append(show(value(i)));
        }
        return sb.append("; log target ").append(logTarget).append('}').toString();
    }

    private static String show(Object v) {
        return v instanceof double[] ? Arrays.toString((double[]) v) : String.valueOf(v);
    }
}
