package dev.ariadne.search;

import dev.ariadne.core.SerializablePredicate;
import dev.ariadne.core.SerializableToDoubleFunction;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.QuestionName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a guide search's certification is asked besides P(e), in the order declared: hypotheses on the model's
 * return value, each certified as a lower bound on P(h, e), and expectations of functions of it, each estimated
 * self-normalised on the certification's fresh runs. Immutable: each declaration makes a new one.
 *
 * @param hypotheses   the hypotheses by name
 * @param expectations the expectations by name
 * @param <T>          the model's return type
 */
record Questions<T>(Map<String, SerializablePredicate<? super T>> hypotheses,
                    Map<String, SerializableToDoubleFunction<? super T>> expectations) {

    /** None asked. */
    static <T> Questions<T> none() {
        return new Questions<>(Map.of(), Map.of());
    }

    /** These and the hypothesis {@code name}; a name declared already (of either kind) is refused. */
    Questions<T> withHypothesis(String name, SerializablePredicate<? super T> holds) {
        Map<String, SerializablePredicate<? super T>> h = added(hypotheses, "hypothesis", name, holds);
        refuseTaken(name);
        return new Questions<>(h, expectations);
    }

    /** These and the expectation {@code name}; a name declared already (of either kind) is refused. */
    Questions<T> withExpectation(String name, SerializableToDoubleFunction<? super T> f) {
        Map<String, SerializableToDoubleFunction<? super T>> e = added(expectations, "expectation", name, f);
        refuseTaken(name);
        return new Questions<>(hypotheses, e);
    }

    /** A copy of {@code questions} with {@code name} added, refused if it is there already. */
    private static <Q> Map<String, Q> added(Map<String, Q> questions, String kind, String name, Q question) {
        QuestionName.check(kind, name);
        Objects.requireNonNull(question, kind);
        if (questions.containsKey(name)) {
            throw new IllegalArgumentException(kind + " '" + name + "' is already declared");
        }
        Map<String, Q> copy = new LinkedHashMap<>(questions);
        copy.put(name, question);
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Refuses a name the other kind of question has: the certification's importance sampling would refuse it, after
     * the whole search.
     */
    private void refuseTaken(String name) {
        if (hypotheses.containsKey(name) || expectations.containsKey(name)) {
            throw new IllegalArgumentException("the name '" + name + "' is already declared");
        }
    }

    /** {@code imp} asked the same. */
    Importance<T> askedOf(Importance<T> imp) {
        Importance<T> asked = imp;
        for (Map.Entry<String, SerializablePredicate<? super T>> h : hypotheses.entrySet()) {
            asked = asked.hypothesis(h.getKey(), h.getValue());
        }
        for (Map.Entry<String, SerializableToDoubleFunction<? super T>> e : expectations.entrySet()) {
            asked = asked.expectation(e.getKey(), e.getValue());
        }
        return asked;
    }
}
