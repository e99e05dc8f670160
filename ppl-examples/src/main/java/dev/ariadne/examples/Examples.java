package dev.ariadne.examples;

import java.util.List;

/** The examples in tour order. */
public final class Examples {

    private Examples() {
    }

    /** Every example, in the order the tour runs them. */
    public static List<Example> all() {
        return List.of(new TwoCoins(), new CoinBias(), new Sprinkler(), new Burglary(), new HiddenMarkov(), new LinearRegression(), new GaussianMixture(),
                new ChangePoint(), new RareEvent(), new IsingRing(), new UnknownRules(), new Hierarchical(),
                new HmmFilter(), new AnnealedHierarchical());
    }

    /**
     * The example with this name.
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static Example byName(String name) {
        for (Example e : all()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown example '" + name + "'; try one of: "
                + String.join(", ", all().stream().map(Example::name).toList()));
    }
}
