package dev.ariadne.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ariadne.core.Execution;
import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.Runner;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.GroundTruth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guide files: a saved and reloaded guide reproduces the same runs; loading names every bad field. */
class GuideFileTest {

    static <T> void assertSameRuns(Model<T> model, Guide a, Guide b) {
        Runner<T> ra = Execution.of(model).guide(a).runner();
        Runner<T> rb = Execution.of(model).guide(b).runner();
        for (int i = 0; i < 200; i++) {
            ra.run(77, i);
            rb.run(77, i);
            assertThat(rb.logWeight()).isEqualTo(ra.logWeight());
            assertThat(rb.logQ()).isEqualTo(ra.logQ());
        }
    }

    @Test
    void structuredGuideSurvivesAFileRoundTrip(@TempDir Path dir) throws Exception {
        SearchResult r = GuideSearch.of(GroundTruth.LINEAR_REGRESSION, GuideFamily.structured())
                .strategy(Strategy.crossEntropy().runs(2000)).budget(Budget.steps(4)).seed(2).certify(0, 0.05).run();
        Path file = dir.resolve("linreg.json");
        GuideFile.save(r.guide(), file);
        FamilyGuide loaded = GuideFile.load(file);
        assertThat(loaded.parameters().asMap()).isEqualTo(r.parameters().asMap());
        assertThat(loaded.parameters()).isEqualTo(r.parameters()).hasSameHashCodeAs(r.parameters());
        assertThat(Files.readString(file)).contains("\"streamVersion\"", "\"coefficients\"", "slope");
        assertSameRuns(GroundTruth.LINEAR_REGRESSION, r.guide(), loaded);
    }

    /**
     * A structured guide's coefficient whose regressor names no site of the file (a typo, a renamed site) was never
     * read, and the file loaded without a word (an adversarial tester). It is refused, naming the field and the
     * file's sites; so is a site regressing on itself.
     */
    @Test
    void aCoefficientOnNoSiteOfTheFileIsRefused() {
        SearchResult r = GuideSearch.of(GroundTruth.LINEAR_REGRESSION, GuideFamily.structured())
                .strategy(Strategy.crossEntropy().runs(2000)).budget(Budget.steps(2)).seed(2).certify(0, 0.05).run();
        String json = GuideFile.toJson(r.guide());
        String coefficient = "(\"coefficients\" : \\{\\s*)\"intercept\"";
        assertThat(json).containsPattern(coefficient);
        assertThatThrownBy(() -> GuideFile.fromJson(json.replaceFirst(coefficient, "$1\"intercep\"")))
                .isInstanceOf(GuideFileException.class)
                .hasMessageStartingWith("guide file: sites.slope.coefficients.intercep: names no site of this file "
                        + "(its sites: intercept, slope")
                .hasMessageEndingWith("so the guide would never read it");
        assertThatThrownBy(() -> GuideFile.fromJson(json.replaceFirst(coefficient, "$1\"slope\"")))
                .isInstanceOf(GuideFileException.class)
                .hasMessage("guide file: sites.slope.coefficients.slope: a site cannot regress on itself");
        assertThatThrownBy(() -> GuideFile.fromJson(json.replaceFirst(coefficient, "$1\"a[*]\"")))
                .isInstanceOf(GuideFileException.class)
                .hasMessageStartingWith("guide file: sites.slope.coefficients.a[*]: a coefficient is named by the "
                        + "address of an earlier site: ");
    }

    @Test
    void tiedMeanFieldAndProgramGuidesSurviveARoundTrip() {
        SearchResult r = GuideSearch.of(GroundTruth.gaussianSum(15), GuideFamily.meanField().tie("z[*]"))
                .strategy(Strategy.gradient().batch(50)).budget(Budget.steps(5)).seed(2).certify(0, 0.05).run();
        assertThat(r.parameters().asMap()).containsOnlyKeys("z[*].loc", "z[*].logScale");
        FamilyGuide loaded = GuideFile.fromJson(GuideFile.toJson(r.guide()));
        assertSameRuns(GroundTruth.gaussianSum(15), r.guide(), loaded);

        GuideFamily program = program();
        FamilyGuide p = GuideSearch.of(GroundTruth.NORMAL_NORMAL, program).budget(Budget.steps(3))
                .strategy(Strategy.gradient().batch(20)).certify(0, 0.05).run().guide();
        FamilyGuide back = GuideFile.fromJson(GuideFile.toJson(p), program);
        assertSameRuns(GroundTruth.NORMAL_NORMAL, p, back);
    }

    static GuideFamily program() {
        return GuideFamily.program("shiftedNormal", Map.of("m", 0.0, "logS", 0.0),
                (theta, site, prior, h) -> new Normal(theta.get("m"), Math.exp(theta.get("logS"))));
    }

    private static final String GOOD = "{\"format\":\"ariadne-guide\",\"formatVersion\":1,\"streamVersion\":1,"
            + "\"family\":\"meanField\",\"ties\":[],\"sites\":{\"mu\":{\"family\":\"NORMAL\","
            + "\"parameters\":{\"loc\":0.9,\"logScale\":-0.9}}}}";

    /** A mean-field guide of two sites, mu and s. */
    private static final String TWO_SITES = "{\"format\":\"ariadne-guide\",\"formatVersion\":1,\"streamVersion\":1,"
            + "\"family\":\"meanField\",\"ties\":[],\"sites\":{\"mu\":{\"family\":\"NORMAL\","
            + "\"parameters\":{\"loc\":1.1,\"logScale\":-1.2}},\"s\":{\"family\":\"GAMMA\","
            + "\"parameters\":{\"logShape\":1.7,\"logRate\":1.6}}}}";

    /**
     * A guide searched on one model and loaded for another whose sites are named otherwise proposed the prior at
     * every site, with no verdict (a new user: an MVN guide for x on a Dirichlet model). The diagnostics say so; a
     * model that makes the guide's site draws no such verdict.
     */
    @Test
    void aGuideFittedToAnotherModelIsNamedInTheDiagnostics() {
        FamilyGuide mu = GuideFile.fromJson(GOOD);
        Model<Double> other = p -> {
            double theta = p.sample("theta", new Normal(0, 1));
            p.observe("y", new Normal(theta, 1), 0.5);
            return theta;
        };
        assertThat(dev.ariadne.inference.Importance.of(other).guide(mu).samples(3000).seed(1).run().diagnostics()
                .verdicts()).anyMatch(v -> v.startsWith("the guide keeps parameters for mu, none of which this "
                + "model's runs make (latent sites seen: theta") && v.endsWith("so every site stays at its prior"));
        Model<Double> same = p -> {
            double m = p.sample("mu", new Normal(0, 1));
            p.observe("y", new Normal(m, 1), 0.5);
            return m;
        };
        assertThat(dev.ariadne.inference.Importance.of(same).guide(mu).samples(3000).seed(1).run().diagnostics()
                .verdicts()).noneMatch(v -> v.startsWith("the guide keeps parameters"));
        // A guide whose site was renamed (mu saved as muu) guides the model's other sites and leaves mu at its prior:
        // named, as a guide's own pattern is (an adversarial tester).
        FamilyGuide renamed = GuideFile.fromJson(TWO_SITES.replace("\"mu\"", "\"muu\""));
        Model<Double> two = p -> {
            double m = p.sample("mu", new Normal(0, 1));
            double s = p.sample("s", new dev.ariadne.core.dist.Gamma(2, 2));
            p.observe("y", new Normal(m, s), 0.8);
            return m;
        };
        assertThat(dev.ariadne.inference.Importance.of(two).guide(renamed).samples(3000).seed(1).run().diagnostics()
                .verdicts()).anyMatch(v -> v.startsWith("the guide keeps parameters for muu, which no run of the "
                + "breakdown (the first 3,000) made, and none for mu, which stays at its prior")
                && v.endsWith("; was muu meant for mu?"));
        assertThat(dev.ariadne.inference.Importance.of(two).guide(GuideFile.fromJson(TWO_SITES)).samples(3000).seed(1)
                .run().diagnostics().verdicts()).noneMatch(v -> v.startsWith("the guide keeps parameters"));
        // The guide's site with another shape (a vector where it was fitted to a real): the prior at every run.
        Model<Double> reshaped = p -> {
            double[] m = p.sample("mu", new dev.ariadne.core.dist.Dirichlet(1, 1, 1));
            p.observe("y", new Normal(m[0], 1), 0.5);
            return m[0];
        };
        assertThat(dev.ariadne.inference.Importance.of(reshaped).guide(mu).samples(3000).seed(1).run().diagnostics()
                .verdicts()).anyMatch(v -> v.startsWith("the guide keeps parameters for mu, yet left that site at its "
                + "prior in every one of the first runs"));
    }

    /**
     * A guide file fitted with a family that still takes the site's prior proposes with it, though that prior's own
     * family is now another (a Cauchy site's NORMAL, from before Cauchy sites had a family of their own): before, the
     * site silently kept its prior.
     */
    @Test
    void aFileFamilyThatStillTakesThePriorProposesWithIt() {
        FamilyGuide mu = GuideFile.fromJson(GOOD);
        dev.ariadne.core.dist.Cauchy prior = new dev.ariadne.core.dist.Cauchy(0, 1);
        dev.ariadne.core.Runner<Double> r = dev.ariadne.core.Execution.of((Model<Double>) p -> p.sample("mu", prior))
                .guide(mu).runner();
        r.run(1, 0);
        double x = r.value();
        assertThat(r.logWeight()).isEqualTo(prior.logDensity(x) - new Normal(0.9, Math.exp(-0.9)).logDensity(x));
    }

    @Test
    void loadingValidatesAndNamesTheField() {
        assertThat(GuideFile.fromJson(GOOD).parameters().get("mu.loc")).isEqualTo(0.9);
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("meanField", "fancy")))
                .isInstanceOf(GuideFileException.class).hasMessageContaining("family: unknown family 'fancy'");
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("\"NORMAL\"", "\"WEIRD\"")))
                .hasMessageContaining("sites.mu.family: unknown per-site family 'WEIRD'");
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace(",\"logScale\":-0.9", "")))
                .isInstanceOf(GuideFileException.class)
                .hasMessageContaining("sites.mu.parameters.logScale: missing parameter");
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("-0.9}", "-0.9,\"extra\":1}")))
                .hasMessageContaining("sites.mu.parameters.extra: unexpected parameter");
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("0.9,", "NaN,")))
                .hasMessageContaining("sites.mu.parameters.loc: must be finite, got NaN");
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("0.9,", "\"0.9\",")))
                .hasMessageContaining("sites.mu.parameters.loc: must be a number, got STRING");
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("\"formatVersion\":1", "\"formatVersion\":2")))
                .hasMessageContaining("formatVersion: version 2 is newer than this library reads (1)");
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("\"formatVersion\":1", "\"formatVersion\":\"1\"")))
                .hasMessageContaining("formatVersion: must be an integer");
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("\"streamVersion\":1", "\"streamVersion\":9")))
                .hasMessageContaining("streamVersion");
        assertThatThrownBy(() -> GuideFile.fromJson("{\"format\":\"ariadne-guide\"")).hasMessageContaining("not valid JSON")
                // the parser's "[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 1]" was noise
                .hasMessageContaining("start marker at line 1, column 1").hasMessageNotContaining("Source:");
        // a log scale of -720 loaded, and every run then failed: a Normal's sd must be at least 2.2e-308 (an
        // adversarial tester); -700 is a legal sd of 9.9e-305 (about 0, where the doubles are that fine: about 0.9 they
        // are not, and the location is refused with it, below)
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("\"logScale\":-0.9", "\"logScale\":-720")))
                .hasMessageContaining("sites.mu.parameters.logScale: of site family NORMAL: a log scale, whose scale "
                        + "exp(-720.0) = ").hasMessageContaining("is not a finite double of at least "
                        + "2.2250738585072014E-308, the least its distribution takes (a log scale logScale must lie "
                        + "between -708.3964 and 709.78)");
        assertThat(GuideFile.fromJson(GOOD.replace("\"logScale\":-0.9", "\"logScale\":-700").replace("0.9,", "0.0,"))
                .parameters().get("mu.logScale")).isEqualTo(-700.0);
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("\"logScale\":-0.9", "\"logScale\":-700")))
                .hasMessageContaining("sites.mu.parameters: of site family NORMAL: a location of 0.9 with a scale of "
                        + "9.85967654375977E-305");
        GuideFileException e = (GuideFileException) org.assertj.core.api.Assertions.catchThrowable(
                () -> GuideFile.fromJson(GOOD.replace("\"ties\":[]", "\"ties\":[],\"junk\":true")));
        assertThat(e.field()).isEqualTo("junk");
    }

    /**
     * A Poisson site's log rate above log 1e9, the largest rate a Poisson draws at, is refused when the file is read:
     * a log rate of 30 loaded, and the first run that drew from it failed (an adversarial tester). A log rate of 20
     * (a rate of 4.9e8) loads and draws.
     */
    @Test
    void aPoissonLogRateBeyondTheLargestRateThatDrawsIsRefused() {
        String file = GOOD.replace("\"NORMAL\"", "\"POISSON\"").replace("{\"loc\":0.9,\"logScale\":-0.9}",
                "{\"logRate\":30}");
        assertThatThrownBy(() -> GuideFile.fromJson(file)).isInstanceOf(GuideFileException.class)
                .hasMessageContaining("sites.mu.parameters.logRate: of site family POISSON: a log rate, whose rate "
                        + "exp(30.0) = 1.0686474581524463E13 is above 1.0E9, the largest rate a Poisson draws at "
                        + "(a log rate must be at most 20.7232)");
        FamilyGuide g = GuideFile.fromJson(file.replace(":30}", ":20}"));
        dev.ariadne.core.Runner<Integer> r = dev.ariadne.core.Execution.of((Model<Integer>) p -> p.sample("mu",
                new dev.ariadne.core.dist.Poisson(3))).guide(g).runner();
        r.run(1, 0);
        assertThat(r.value()).isBetween(400_000_000, 600_000_000);
    }

    /**
     * A Normal site whose location is so far from 0 that the doubles near it are coarser than its scale is refused when
     * the file is read: a location of 1e300 with a scale of 0.7 loaded, and every run of the call then failed at an
     * unrepresentable draw (an adversarial tester). A location of 1e6 at that scale loads and draws near it.
     */
    @Test
    void aNormalLocationBeyondWhatItsScaleCanDrawIsRefused() {
        String file = GOOD.replace("{\"loc\":0.9,", "{\"loc\":1e300,");
        assertThatThrownBy(() -> GuideFile.fromJson(file)).isInstanceOf(GuideFileException.class)
                .hasMessageContaining("sites.mu.parameters: of site family NORMAL: a location of 1.0E300 with a scale "
                        + "of 0.4065696597405991: the doubles near that location are ")
                .hasMessageContaining("the scale must be at least about 52 times that spacing");
        FamilyGuide g = GuideFile.fromJson(file.replace("1e300", "1e6"));
        dev.ariadne.core.Runner<Double> r = dev.ariadne.core.Execution.of((Model<Double>) p -> p.sample("mu",
                new dev.ariadne.core.dist.Normal(0, 1))).guide(g).runner();
        r.run(1, 0);
        assertThat(r.value()).isBetween(1e6 - 10, 1e6 + 10);
        // a file's other fault is named first, as the first invalid field (a hunt found the scale named instead)
        assertThatThrownBy(() -> GuideFile.fromJson(file.replace("\"ties\":[]", "\"ties\":[3]")))
                .hasMessageContaining("ties[0]: must be a string");
        // below a power of 2 the doubles are twice as fine: a scale of 40 spacings at 2^20 draws below it (a hunt)
        double spacing = Math.ulp(1048576.0);
        assertThat(GuideFile.fromJson(GOOD.replace("{\"loc\":0.9,\"logScale\":-0.9}", "{\"loc\":1048576.0,"
                + "\"logScale\":" + Math.log(40 * spacing) + "}")).parameters().get("mu.loc")).isEqualTo(1048576.0);
        // a structured site's intercept is not its location: -1e9 plus 1e9 times a coefficient of 1 on x (a hunt)
        String structured = "{\"format\":\"ariadne-guide\",\"formatVersion\":1,\"streamVersion\":1,"
                + "\"family\":\"structured\",\"ties\":[],\"sites\":{"
                + "\"x\":{\"family\":\"NORMAL\",\"parameters\":{\"loc\":1.00000000015E9,\"logScale\":-0.35}},"
                + "\"z\":{\"family\":\"NORMAL\",\"parameters\":{\"loc\":-1.0E9,\"logScale\":-13.8},"
                + "\"coefficients\":{\"x\":1.0}}}}";
        assertThat(GuideFile.fromJson(structured).parameters().get("z.loc")).isEqualTo(-1e9);
    }

    /** A site's key that no address or pattern can be loads no longer: its site would stay at its prior, unnamed. */
    @Test
    void aSiteKeyThatIsNoAddressIsRefused() {
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("\"mu\"", "\"m[u\"")))
                .isInstanceOf(GuideFileException.class)
                .hasMessageContaining("sites.m[u: is not a site's address or a tie's pattern");
        // a pattern the file ties not: its site was said to have "another family or shape" (an adversarial tester)
        assertThatThrownBy(() -> GuideFile.fromJson(GOOD.replace("\"mu\"", "\"*\"")))
                .isInstanceOf(GuideFileException.class)
                .hasMessageContaining("sites.*: is a pattern, not a site's address, and the file ties no such pattern");
    }

    @Test
    void programFilesNeedTheirFamily() {
        FamilyGuide p = GuideSearch.of(GroundTruth.NORMAL_NORMAL, program()).budget(Budget.steps(0)).certify(0, 0.05)
                .run().guide();
        String json = GuideFile.toJson(p);
        assertThatThrownBy(() -> GuideFile.fromJson(json)).hasMessageContaining("pass that GuideFamily.program");
        GuideFamily other = GuideFamily.program("other", Map.of("m", 0.0, "logS", 0.0),
                (theta, site, prior, h) -> prior);
        assertThatThrownBy(() -> GuideFile.fromJson(json, other)).hasMessageContaining("name: the file is for program "
                + "family 'shiftedNormal'");
        assertThatThrownBy(() -> GuideFile.fromJson(json.replace("\"logS\"", "\"logT\""), program()))
                .hasMessageContaining("parameters.logT: unexpected parameter");
    }

    /**
     * A guide file with no sites loaded as the search's start does, which proposes each site's prior by design, and
     * its runs drew no verdict, where the README promises one for a guide that left every latent site at its prior
     * (an adversarial tester). A search's own start keeps its silence: the search says why it returned it.
     */
    @Test
    void aLoadedGuideWithNoSitesIsToldToLeaveEverySiteAtItsPrior() {
        FamilyGuide empty = GuideFile.fromJson("{\"format\":\"ariadne-guide\",\"formatVersion\":1,"
                + "\"streamVersion\":1,\"family\":\"meanField\",\"ties\":[],\"sites\":{}}");
        assertThat(empty.priorEverywhereBecause()).isNull();
        assertThat(dev.ariadne.inference.Importance.of(GroundTruth.NORMAL_NORMAL).guide(empty).samples(20_000).seed(1)
                .run().diagnostics().verdicts()).anyMatch(v -> v.startsWith("the guide left every latent site at its "
                + "prior in the first 10,000 runs"));
    }
}
