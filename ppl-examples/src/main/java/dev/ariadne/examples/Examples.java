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
     * The example with this name, or at this number in {@code list}'s numbering (1 for the first), which the list
     * shows beside each name: {@code run 1} was refused as an unknown example (an outside tester).
     *
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static Example byName(String name) {
        List<Example> all = all();
        for (Example e : all) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        if (name.matches("[0-9]{1,3}")) {
            int number = Integer.parseInt(name);
            if (number >= 1 && number <= all.size()) {
                return all.get(number - 1);
            }
            throw new IllegalArgumentException("no example number " + number + ": they are numbered 1 to "
                    + all.size() + " (see list)");
        }
        throw new IllegalArgumentException("unknown example '" + name + "'; try one of: "
                + String.join(", ", all().stream().map(Example::name).toList()));
    }
}
