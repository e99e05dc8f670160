package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.dist.Bernoulli;
import dev.ariadne.core.dist.Dirichlet;
import dev.ariadne.core.dist.Exponential;
import dev.ariadne.core.dist.MultivariateNormal;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.core.dist.Poisson;
import dev.ariadne.core.dist.Support;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Bad input at a site is an error that names the site, never a silently different model. */
class SiteInputsTest {

    /**
     * A site's name is checked once per String object ({@code Engine#requireName}): a bad name is refused at every
     * run that makes it, whichever runs between made good ones, and a name of the same text in a new object is checked
     * again. Runs of alternating shape take the slow path at every site where the shape changes.
     */
    @Test
    void aBadNameIsRefusedAtEveryRunThatMakesItWhateverGoodNamesPassedBefore() {
        String invisible = "x\u200B";
        Model<Double> model = p -> {
            boolean odd = p.sample("odd", new Bernoulli(0.5));
            String name = odd ? invisible : new String("y".toCharArray());
            return p.sample(name, new Normal(0, 1));
        };
        Runner<Double> runner = Execution.of(model).runner();
        int refused = 0;
        for (long i = 0; i < 40; i++) {
            try {
                runner.run(1, i);
                assertThat(runner.trace().sites().get(1).address().toString()).isEqualTo("y");
            } catch (ModelException e) {
                assertThat(e).hasMessageContaining("the invisible format character U+200B");
                refused++;
            }
        }
        assertThat(refused).isBetween(5, 35);
    }


    private static void refused(Consumer<Prob> site, String... messages) {
        Model<Void> m = p -> {
            p.sample("first", Normal.STANDARD);
            site.accept(p);
            return null;
        };
        assertThatThrownBy(() -> Execution.of(m).run(3, 1)).isInstanceOf(ModelException.class)
                .hasMessageContainingAll(messages).hasMessageContaining("run 1 of seed 3");
    }

    @Test
    void indexMinusOneIsRefusedLikeAnyNegativeIndexInEveryIndexedForm() {
        String minusOne = "index must be >= 0, got -1";
        refused(p -> p.sample("x", -1, Normal.STANDARD), "site x: " + minusOne);
        refused(p -> p.sample("x", -2, Normal.STANDARD), "site x: index must be >= 0, got -2");
        refused(p -> p.sample("k", -1, new Poisson(1)), "site k: " + minusOne);
        refused(p -> p.sample("b", -1, new Bernoulli(0.5)), "site b: " + minusOne);
        refused(p -> p.sample("w", -1, Dirichlet.of(1, 1)), "site w: " + minusOne);
        refused(p -> p.observe("y", -1, Normal.STANDARD, 0.5), "site y: " + minusOne);
        refused(p -> p.observeAll("y", -1, Normal.STANDARD, new double[] {0.5}), "site y: " + minusOne);
        // a null plate was "the model threw NullPointerException: observed values", naming no site (a tester)
        refused(p -> p.observeAll("ys", Normal.STANDARD, (double[]) null), "observed values are null in the plate ys");
        refused(p -> p.observeAll("ks", new dev.ariadne.core.dist.Poisson(2), (int[]) null),
                "observed values are null in the plate ks");
        refused(p -> p.factor("f", -1, 0.0), "site f: " + minusOne);
        refused(p -> p.condition("c", -1, true), "site c: " + minusOne);
        refused(p -> p.condition("c", -1, 1.0, 0.0), "site c: " + minusOne);
        refused(p -> p.call("s", -1, q -> q.sample("x", Normal.STANDARD)), "scope s: " + minusOne);
        refused(p -> p.scoped("s", -1, q -> q.sample("x", Normal.STANDARD)), "scope s: " + minusOne);
        // Also where the run repeats the previous one, whose un-indexed x has the index -1 in its slot.
        boolean[] indexed = {false};
        Model<Double> m = p -> indexed[0] ? p.sample("x", -1, Normal.STANDARD) : p.sample("x", Normal.STANDARD);
        Runner<Double> r = Execution.of(m).runner();
        r.run(1, 0);
        r.run(1, 1);
        assertThat(r.siteAddress(0)).isEqualTo(Address.of("x"));
        indexed[0] = true;
        assertThatThrownBy(() -> r.run(1, 2)).hasMessageContaining("site x: " + minusOne);
    }

    /**
     * An adversarial tester named a site "x[0]" beside p.sample("x", 0, ...) and a site "a/x" beside a scoped x: each
     * pair printed alike, guides matched either, and MCMC stopped with "draw 0 recorded twice". A name holding an
     * address's syntax, or an empty one, is refused at its first site.
     */
    @Test
    void aNameHoldingAnAddressesSyntaxOrEmptyIsRefused() {
        refused(p -> p.sample("x[0]", Normal.STANDARD), "the name \"x[0]\" holds '['", "p.sample(\"x\", 3, d)");
        refused(p -> p.observe("a/y", Normal.STANDARD, 0.5), "the name \"a/y\" holds '/'");
        refused(p -> p.factor("f]", 0.0), "the name \"f]\" holds ']'");
        refused(p -> p.sample("", 2, new Poisson(1)), "a site or scope name must not be empty");
        refused(p -> p.call("s[1]", q -> q.sample("x", Normal.STANDARD)), "the name \"s[1]\" holds '['");
        refused(p -> p.scoped("a/b", q -> q.sample("x", Normal.STANDARD)), "the name \"a/b\" holds '/'");
        // A line break or a NUL in a name broke every table that printed it (an adversarial tester).
        refused(p -> p.sample("x\ny", Normal.STANDARD), "the name \"x\\u000Ay\" holds the control character U+000A");
        refused(p -> p.observe("y\0", Normal.STANDARD, 0.5), "holds the control character U+0000");
        // at an end, it was told as a space, in a message that printed the line break (an adversarial tester)
        refused(p -> p.sample("x\n", Normal.STANDARD), "the name \"x\\u000A\" holds the control character U+000A");
        refused(p -> p.sample("\tx", Normal.STANDARD), "holds the control character U+0009");
        // "mu " printed as mu and could not be named by a guide pattern; U+2028 broke lines; a lone surrogate
        // printed as '?' (an adversarial tester)
        refused(p -> p.sample("mu ", Normal.STANDARD), "the name \"mu \" begins or ends with a space");
        refused(p -> p.sample(" ", Normal.STANDARD), "begins or ends with a space");
        refused(p -> p.sample("a\u2028b", Normal.STANDARD), "holds the line separator U+2028");
        refused(p -> p.sample("a\ud800", Normal.STANDARD), "holds the lone surrogate U+D800");
        // a zero-width space, a right-to-left override and a byte-order mark printed as other names
        refused(p -> p.sample("mu\u200B", Normal.STANDARD), "the name holds the invisible format character U+200B, "
                + "so it prints as another name (\"mu\" without it)");
        refused(p -> p.sample("\u202Emu", Normal.STANDARD), "invisible format character U+202E");
        // a no-break space inside a name printed as a plain one: "did you mean mu x?" of a pattern "mu x" (an
        // adversarial tester); a plain space inside stays allowed
        refused(p -> p.sample("mu\u00A0x", Normal.STANDARD), "the name \"mu\u00A0x\" holds the space U+00A0, which "
                + "prints as a plain space, so no one reading its address could tell it from \"mu x\"");
        assertThat(Execution.of(p -> p.sample("mu x", Normal.STANDARD)).run(1, 0).trace().sites().get(0).address()
                .toString()).isEqualTo("mu x");
        refused(p -> p.observe("\uFEFFy", Normal.STANDARD, 0.5), "invisible format character U+FEFF");
        // "e\u0301" (e and a combining accent) and "\u00e9" were two sites printed alike (an adversarial tester)
        refused(p -> p.sample("e\u0301", Normal.STANDARD), "the name \"e\u0301\" is not in Unicode's composed form "
                + "(NFC): it prints as \"\u00e9\"");
        assertThat(Execution.of(p -> p.sample("\u00e9", Normal.STANDARD)).run(1, 0).trace().sites().get(0).address()
                .toString()).isEqualTo("\u00e9");
        // "*" was taken by Guide.at("*") as every site, and "a*b" could not be named (an adversarial tester)
        refused(p -> p.sample("*", Normal.STANDARD), "the name \"*\" holds '*', a guide pattern's wildcard");
        refused(p -> p.call("a*b", q -> q.sample("x", Normal.STANDARD)), "the name \"a*b\" holds '*'");
        Model<Double> astral = p -> p.sample("x\ud835\udc65", Normal.STANDARD);
        assertThat(Execution.of(astral).run(1, 0).trace().sites().get(0).address().toString())
                .isEqualTo("x\ud835\udc65");
        Model<Double> unicode = p -> p.sample("\u03bc", Normal.STANDARD);
        assertThat(Execution.of(unicode).run(1, 0).trace().sites().get(0).address().toString()).isEqualTo("\u03bc");
        assertThatThrownBy(() -> Execution.of(unicode).run(1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a run's index must be >= 0");
        Model<Double> fine = p -> p.call("scope", 1, q -> q.sample("x.y-z_1", 2, Normal.STANDARD));
        assertThat(Execution.of(fine).run(1, 0).trace().sites().get(0).address().toString())
                .isEqualTo("scope[1]/x.y-z_1[2]");
    }

    /**
     * A distribution the model makes with a bad parameter (a latent's value used as a scale) fails before its site
     * is entered: "at or after site s" named the valid latent before it, which an adversarial tester took for the
     * culprit. The error says the distribution was being made for the next site.
     */
    @Test
    void aBadParameterMadeByTheModelSaysItWasForTheNextSite() {
        refused(p -> p.observe("y", new Normal(0, -0.5), 1.0), "Normal: sd must be finite and > 0, got -0.5",
                "(making a distribution at SiteInputsTest.java:",
                " for the site after first, the last one the run entered)", "at or after site first");
        Model<Double> atFirst = p -> p.sample("x", new Normal(0, -1));
        int line = new Throwable().getStackTrace()[0].getLineNumber() - 1; // the line above
        assertThatThrownBy(() -> Execution.of(atFirst).run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("Normal: sd must be finite and > 0, got -1.0 (making a distribution at "
                        + "SiteInputsTest.java:" + line + " for the run's first site)");
    }

    /** Two finite factors whose sum overflows: an error naming the factor, as a single +inf factor gets. */
    @Test
    void factorsWhoseSumOverflowsAreAnErrorNamingTheFactor() {
        refused(p -> {
            p.factor("f", 1e308);
            p.factor("g", 1e308);
        }, "factor g: the run's log weight overflowed to +inf");
    }

    /**
     * Finite scores whose sum is -inf (two factors of -1e308; three observations of log density about -8e307) give
     * the run weight 0 within the doubles: it fails at the site that took the sum there, as a site of log p -inf
     * fails. It was a run that neither failed nor weighed anything, and importance sampling threw a
     * NullPointerException looking for its cause (an adversarial tester).
     */
    @Test
    void scoresWhoseSumIsMinusInfinityFailTheRunAtTheSiteThatTookItThere() {
        Model<Integer> factors = p -> {
            p.factor("f", -1e308);
            p.factor("g", -1e308);
            return 0;
        };
        RunRecord<Integer> r = Execution.of(factors).run(1, 0);
        assertThat(r.failed()).isTrue();
        assertThat(r.failure().cause()).isEqualTo(FailureCause.ZERO_LIKELIHOOD);
        assertThat(r.failure().address().toString()).isEqualTo("g");
        assertThat(r.logWeight()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(r.trace().toString()).contains("-1.0000e+308").doesNotContain("00000000000000000000");
        Model<Double> far = p -> {
            double mu = p.sample("mu", new Normal(0, 1));
            for (int i = 0; i < 3; i++) {
                p.observe("y", i, new Normal(mu, 1), 1.3e154);
            }
            return mu;
        };
        for (Execution<Double> e : List.of(Execution.of(far), Execution.of(far).guide(Guide.at("mu",
                new Normal(0.5, 1))))) {
            RunRecord<Double> run = e.run(1, 0);
            assertThat(run.failed()).isTrue();
            assertThat(run.failure().address().toString()).isEqualTo("y[2]");
            assertThat(run.value()).isNull();
        }
    }

    @Test
    void aVectorOfTheWrongLengthIsAnErrorNamingBothLengthsAndTheSite() {
        refused(p -> p.observe("w", Dirichlet.of(1, 2), new double[] {0.2, 0.3, 0.5}),
                "site w: the vector has length 3, but Dirichlet", "has dimension 2");
        MultivariateNormal mvn = MultivariateNormal.diagonal(new double[] {0, 0, 0}, new double[] {1, 1, 1});
        refused(p -> p.observe("y", 4, mvn, new double[] {0.1, 0.2}),
                "site y[4]: the vector has length 2, but MultivariateNormal", "has dimension 3");
        // A latent vector whose value is set from outside (replay, conditioning by address) is checked too.
        Model<double[]> latent = p -> p.sample("v", mvn);
        assertThatThrownBy(() -> Execution.of(latent).with(Handlers.condition(Map.of("v", new double[] {1, 2})))
                .run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("site v: the vector has length 2").hasMessageContaining("has dimension 3");
    }

    /**
     * A new user's guide for x ~ N(0, 1) under the condition x > 0 proposed from an Exponential, which the condition
     * makes right, and was refused with no reason given; the error now says why the support must be the prior's.
     */
    @Test
    void aProposalOnANarrowerSupportIsRefusedWithTheReason() {
        Model<Double> positive = p -> {
            double x = p.sample("x", new Normal(0, 1));
            p.condition("pos", x > 0);
            return x;
        };
        assertThatThrownBy(() -> Execution.of(positive).guide(Guide.at("x", new Exponential(1.5))).run(1, 0))
                .isInstanceOf(ModelException.class).hasMessageContaining("does not fit the prior")
                .hasMessageContaining("at x").hasMessageContaining(Support.SAME_SUPPORT_RULE);
    }

    /**
     * A vector proposal of another dimension, or another type, than its prior's was told to "propose over the whole
     * support" (an adversarial tester): the error says the dimensions differ, or that the type must be the prior's.
     */
    @Test
    void aVectorProposalOfAnotherDimensionOrTypeIsToldWhich() {
        Model<double[]> weights = p -> p.sample("w", new Dirichlet(1, 1, 1));
        assertThatThrownBy(() -> Execution.of(weights).guide(Guide.at("w", new Dirichlet(1, 1, 1, 1))).run(1, 0))
                .isInstanceOf(ModelException.class).hasMessageContaining("does not fit the prior")
                .hasMessageContaining("a vector proposal must have its prior's dimension (4 entries here, against the "
                        + "prior's 3): propose a vector distribution of 3 entries");
        assertThatThrownBy(() -> Execution.of(weights).guide(Guide.at("w", new MultivariateNormal(new double[3],
                new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}))).run(1, 0)).isInstanceOf(ModelException.class)
                .hasMessageContaining("a vector proposal's support must be of its prior's type")
                .hasMessageContaining("for a simplex prior propose a Dirichlet").hasMessageEndingWith(
                        "each of 3 entries (run 0 of seed 1, at or after site w)");
        Model<double[]> two = p -> p.sample("v", new MultivariateNormal(new double[2],
                new double[][] {{1, 0}, {0, 1}}));
        assertThatThrownBy(() -> Execution.of(two).guide(Guide.at("v", new MultivariateNormal(new double[1],
                new double[][] {{1}}))).run(1, 0))
                .hasMessageContaining("(1 entry here, against the prior's 2)");
    }

    /** A new user's Beta guide for a DiscreteUniform site was refused with no reason given; the error says why. */
    @Test
    void aProposalOfAnotherKindOfValueIsRefusedWithTheReason() {
        Model<Integer> count = p -> p.sample("n", new dev.ariadne.core.dist.DiscreteUniform(20, 150));
        assertThatThrownBy(() -> Execution.of(count).guide(Guide.at("n", new dev.ariadne.core.dist.Beta(2, 2)))
                .run(1, 0)).isInstanceOf(ModelException.class).hasMessageContaining("does not fit the prior")
                .hasMessageContaining("at n: " + Support.SAME_KIND_RULE + ": for an int prior propose a Categorical");
    }

    /** orElse(null) threw a raw NullPointerException about wholeRunPriorShare (an adversarial tester). */
    @Test
    void orElseOfNullSaysWhatIsNull() {
        assertThatThrownBy(() -> Guide.at("x", new dev.ariadne.core.dist.Normal(0, 1)).orElse(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("orElse: the guide to fall back on is "
                        + "null");
    }

    /** history.real(history.find(...)) of a site not reached said only "history position -1 outside 0..0". */
    @Test
    void readingPositionMinusOneSaysFindFoundNothing() {
        Model<Double> m = p -> {
            p.sample("a", new dev.ariadne.core.dist.Normal(0, 1));
            return p.sample("b", new dev.ariadne.core.dist.Normal(0, 1));
        };
        Guide reads = Guide.bySite((site, h) -> site.name().equals("b")
                ? new dev.ariadne.core.dist.Normal(h.real(h.find("nope")), 1) : null);
        assertThatThrownBy(() -> Execution.of(m).guide(reads).run(1, 0))
                .hasStackTraceContaining("-1 is what find returns for a site this run has not reached");
    }

    /**
     * A Poisson proposal at a Normal site, and a Beta at a Bernoulli's, were told what to propose for an int prior (an
     * adversarial tester): the advice is for the prior's own kind.
     */
    @Test
    void theAdviceOnAProposalOfAnotherKindIsForThePriorsKind() {
        Model<Double> real = p -> p.sample("x", new dev.ariadne.core.dist.Normal(0, 1));
        assertThatThrownBy(() -> Execution.of(real).guide(Guide.at("x", new dev.ariadne.core.dist.Poisson(2)))
                .run(1, 0)).hasMessageContaining("for a real prior propose a real distribution")
                .hasMessageNotContaining("for an int prior");
        Model<Boolean> flag = p -> p.sample("b", new dev.ariadne.core.dist.Bernoulli(0.3));
        assertThatThrownBy(() -> Execution.of(flag).guide(Guide.at("b", new dev.ariadne.core.dist.Beta(2, 2)))
                .run(1, 0)).hasMessageContaining("for a boolean prior propose a Bernoulli");
    }

    @Test
    void aHandlersProposalIsCheckedAgainstThePriorLikeAGuides() {
        Handler wrongSupport = new Handler() {
            @Override
            protected void process(Message m) {
                if (m.kind() == SiteKind.LATENT) {
                    m.setProposal(new Poisson(2));
                }
            }
        };
        assertThatThrownBy(() -> Execution.of(EngineTest.NORMAL_NORMAL).with(wrongSupport).run(1, 0))
                .isInstanceOf(ModelException.class).hasMessageContaining("Poisson")
                .hasMessageContaining("does not fit the prior Normal").hasMessageContaining("at mu");
    }

    @Test
    void aHandlerDecidingASiteSeesOnlyTheSitesBeforeIt() {
        int[] sizes = new int[3];
        Handler reader = new Handler() {
            @Override
            protected void process(Message m) {
                sizes[m.history().size()]++;
                assertThat(m.history().find(m.site().name())).isEqualTo(-1);
            }
        };
        Model<Double> m = p -> {
            double a = p.sample("a", Normal.STANDARD);
            p.observe("y", new Normal(a, 1), 0.3);
            return p.sample("b", Normal.STANDARD);
        };
        Execution.of(m).with(reader).run(1, 0);
        assertThat(sizes).containsExactly(1, 1, 1);
    }

    @Test
    void anEvidenceSitesValueCannotBeChangedByAHandler() {
        Handler changer = new Handler() {
            @Override
            protected void process(Message m) {
                if (m.kind() == SiteKind.OBSERVED) {
                    m.setValue(5.0);
                }
            }
        };
        assertThatThrownBy(() -> Execution.of(EngineTest.NORMAL_NORMAL).with(changer).run(1, 0))
                .isInstanceOf(ModelException.class).hasMessageContaining("a handler threw")
                .hasMessageContaining("only a latent site's value can be set");
    }

    @Test
    void theHistoryReadsSitesByNameWithClearErrors() {
        Model<Double> m = p -> {
            double mu = p.sample("mu", Normal.STANDARD);
            int tau = p.sample("tau", new Poisson(3));
            boolean b = p.sample("b", new Bernoulli(0.5));
            double[] w = p.sample("w", Dirichlet.of(1, 1, 1));
            p.sample("z", 2, new Normal(mu, 1));
            p.scoped("s", 1, q -> q.sample("inner", Normal.STANDARD));
            p.condition("ok", true);
            return mu + tau + (b ? 1 : 0) + w[0];
        };
        Runner<Double> r = Execution.of(m).runner().run(5, 0);
        History h = r.history();
        Trace t = r.trace();
        assertThat(h.real("mu")).isEqualTo(t.site("mu").get().value());
        assertThat(h.integer("tau")).isEqualTo(t.site("tau").get().value());
        assertThat(h.bool("b")).isEqualTo(t.site("b").get().value());
        assertThat(h.vector("w")).isEqualTo((double[]) t.site("w").get().value());
        assertThat(h.real("z", 2)).isEqualTo(t.site("z[2]").get().value());
        assertThat(h.value("tau")).isEqualTo(t.site("tau").get().value());
        assertThat(h.bool("ok")).isTrue();
        assertThatThrownBy(() -> h.real("tua")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no site tua earlier in this run")
                .hasMessageContaining("its sites: mu, tau, b, w, z[2], s[1]/inner, ok");
        assertThatThrownBy(() -> h.real("z")).hasMessageContaining("no site z earlier in this run");
        assertThatThrownBy(() -> h.integer("mu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("site mu (latent) holds real values, not int");
        assertThatThrownBy(() -> h.vector("tau")).hasMessageContaining("site tau (latent) holds int values, not vector");
        // In a guide, names are looked up in the scope of the site being proposed.
        Model<Double> scoped = p -> p.call("s", 0, q -> q.sample("a", Normal.STANDARD) + q.sample("b", Normal.STANDARD));
        List<Double> seen = new java.util.ArrayList<>();
        Guide g = (site, prior, history) -> {
            if (site.name().equals("b")) {
                seen.add(history.real("a"));
            }
            return prior;
        };
        RunRecord<Double> rec = Execution.of(scoped).guide(g).run(1, 0);
        assertThat(seen).containsExactly((Double) rec.trace().site("s[0]/a").get().value());
        // A top-level site read by name from inside a scope: the error says the lookup is scoped and how to reach it
        // (it listed mu among the run's sites and said no more, found by a new user).
        Model<Double> outer = p -> {
            double mu = p.sample("mu", Normal.STANDARD);
            return p.call("group", 0, q -> q.sample("theta", new Normal(mu, 1)));
        };
        Guide readsMu = (site, prior, history) -> site.name().equals("theta") ? new Normal(history.real("mu"), 1)
                : prior;
        assertThatThrownBy(() -> Execution.of(outer).guide(readsMu).run(1, 0))
                .hasMessageContaining("no site group[0]/mu earlier in this run")
                .hasMessageContaining("names are looked up in the scope of the site being proposed, group[0], and mu "
                        + "is outside it: reach it by its position, history.find(Address.of(\"mu\"))");
    }

    /**
     * A guide's reads by name are found where the previous run's same read found its site only when the site is there:
     * in runs whose sites move (a site more at the start of some runs), every read gives what a scan of the history by
     * position gives, and a read of a value of another kind is the same error once its position is known.
     */
    @Test
    void readsByNameFollowSitesThatMoveFromRunToRun() {
        Model<Double> m = p -> {
            if (p.sample("extra", new Bernoulli(0.5))) {
                p.sample("pad", Normal.STANDARD);
            }
            p.sample("k", new Poisson(2));
            double x = 0;
            for (int t = 0; t < 6; t++) {
                x = p.sample("x", t, new Normal(x, 1));
            }
            return x;
        };
        int[] checked = new int[1];
        Guide g = Guide.bySite((site, h) -> {
            int t = site.index();
            if (site.name().equals("x") && t > 0) {
                int k = -1;
                int previous = -1;
                for (int j = 0; j < h.size(); j++) {
                    k = h.name(j).equals("k") ? j : k;
                    previous = h.name(j).equals("x") && h.index(j) == t - 1 ? j : previous;
                }
                assertThat(h.real("x", t - 1)).isEqualTo(h.real(previous));
                assertThat(h.integer("k")).isEqualTo(h.integer(k));
                assertThat(h.bool("extra")).isEqualTo(h.bool(0));
                assertThat(h.find("pad")).isEqualTo(h.bool(0) ? 1 : -1);
                assertThatThrownBy(() -> h.real("k")).hasMessageContaining("site k (latent) holds int values, not real");
                assertThatThrownBy(() -> h.bool("x", t)).hasMessageContaining("no site x[" + t + "] earlier");
                checked[0]++;
            }
            return null;
        });
        Execution<Double> e = Execution.of(m).guide(g);
        Runner<Double> full = e.runner();
        Runner<Double> lean = e.leanRunner();
        boolean[] extras = new boolean[2];
        for (int i = 0; i < 40; i++) {
            extras[full.run(7, i).history().bool("extra") ? 1 : 0] = true;
            lean.run(7, i);
        }
        assertThat(extras).as("runs with and without the extra site").containsOnly(true);
        assertThat(checked[0]).isEqualTo(2 * 40 * 5);
    }

    /** A plate read as one number or as a vector said only "holds real values, not vector" (an adversarial tester). */
    @Test
    void aPlateReadAsANumberOrAVectorPointsToItsArray() {
        Model<Double> m = p -> {
            double mu = p.sample("mu", Normal.STANDARD);
            p.observeAll("y", new Normal(mu, 1), new double[] {0.1, 0.2});
            return mu;
        };
        History h = Execution.of(m).runner().run(5, 0).history();
        assertThatThrownBy(() -> h.real("y")).hasMessageContaining("site y (observed) holds a plate of real values, "
                + "not one real; value(name) gives the plate's array");
        assertThatThrownBy(() -> h.vector("y")).hasMessageContaining("holds a plate of real values, not vector; "
                + "value(name) gives the plate's array");
        assertThat((double[]) h.value("y")).containsExactly(0.1, 0.2);
    }
}
