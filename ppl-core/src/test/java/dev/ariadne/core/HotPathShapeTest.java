package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.Beta;
import dev.ariadne.core.dist.Binomial;
import dev.ariadne.core.dist.Categorical;
import dev.ariadne.core.dist.Check;
import dev.ariadne.core.dist.Gamma;
import dev.ariadne.core.dist.MultivariateNormal;
import dev.ariadne.core.dist.NegativeBinomial;
import dev.ariadne.core.dist.Normal;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the shape of the engine's hot path that the benchmarks depend on, which no timing test could check
 * reliably. HotSpot's C2 inlines a hot method only up to FreqInlineSize bytes of bytecode, so the size decides:
 * <ul>
 *   <li>the work at a latent site must stay in one method too big to inline into a model. Inlined at every sample
 *       site, the samplers and bookkeeping exhaust C2's inlining budget in models of a few sites, and the model's
 *       own arithmetic is then compiled without inlining (linreg ran 3 to 5 times slower in about half of all JVM
 *       starts);</li>
 *   <li>the path every site takes from the model to that body, and the whole of an observation's, factor's and
 *       condition's work, must stay small enough to inline, or each site pays a call and a distribution made at
 *       an observation site escapes and is allocated.</li>
 * </ul>
 */
class HotPathShapeTest {

    /** The guided site's step, as javap prints its signature. */
    private static final String PROPOSED = "dev.ariadne.core.Slot proposed(dev.ariadne.core.Slot, java.lang.String, "
            + "int, long, dev.ariadne.core.dist.Dist);";

    /** HotSpot's FreqInlineSize on x86-64 and AArch64: hot methods larger than this are never inlined. */
    private static final int FREQ_INLINE_SIZE = 325;
    /** HotSpot's MaxInlineSize: a method larger than this is not inlined at a call site that is not hot. */
    private static final int MAX_INLINE_SIZE = 35;

    /**
     * What a distribution made at a site and its draw cost C2's inlining budget. C2 inlines at most 8,000 bytes of
     * bytecode (DesiredMethodLimit) into one compiled method, counting each inlined method whole, rare paths and
     * all; a model written out site by site spends them site after site, and every site past the budget is a call
     * whose distribution is allocated. So the common constructors test their parameters in one expression and
     * throw from out of line, read their cached constants in line and refill them out of line (too big to inline
     * where a refill is rare), and the stream's step is one method. Before, a Normal made at a site inlined 372
     * bytes (its checks 103, its cache's refill and lookup 161) and the step of a draw 138.
     */
    @Test
    void aDistributionMadeAtASiteAndItsDrawInlineLittle() throws Exception {
        String normal = javap(Normal.class);
        String constructor = "public dev.ariadne.core.dist.Normal(double, double);";
        assertThat(codeLength(normal, constructor)).as("bytes of bytecode in Normal(double, double)")
                .isLessThanOrEqualTo(150);
        assertThat(body(normal, constructor)).as("Normal(double, double) calls, besides its refill and the"
                + " exception's maker, only the lookup of this thread's entry (50 bytes)")
                .doesNotContain("dev/ariadne/core/dist/Check.").doesNotContain("Normal.ofThisThread");
        String ofSd = javap(Normal.class, Normal.class.getName() + "$OfSd");
        assertThat(codeLength(ofSd, "void missed(double, int);")).as("bytes of bytecode in Normal's miss, which C2"
                + " inlines where misses are frequent (an sd drawn in each run, or new at every point) and which"
                + " hands all but a new sd's log to the refill; the refill itself, 276 bytes, was inlined at every"
                + " construction of a model with eight normals, and its last site's normal was allocated")
                .isLessThanOrEqualTo(130);
        assertThat(body(ofSd, "void missed(double, int);")).as("Normal's miss calls its refill through a handle")
                .contains("invokeExact").doesNotContain("secondSlot");
        assertAHandleC2CallsAndNeverInlines(Normal.class.getDeclaredField("refill"));
        assertThat(body(ofSd, "void refill(double, int);"))
                .as("Normal's refill, which two sds sharing a table slot reach at every construction, copies no array:"
                        + " for a few elements System.arraycopy is a call to the JVM's stub, the larger part of such a"
                        + " miss")
                .doesNotContain("arraycopy");
        assertThat(codeLength(javap(Gamma.class), "public dev.ariadne.core.dist.Gamma(double, double);"))
                .as("bytes of bytecode in Gamma(double, double)").isLessThanOrEqualTo(120);
        assertThat(codeLength(javap(Gamma.class, Gamma.class.getName() + "$Constants"), "void set(double, double);"))
                .as("bytes of bytecode in Gamma's refill, which must stay a call where it is rare")
                .isGreaterThan(MAX_INLINE_SIZE);
        String negativeBinomial = javap(NegativeBinomial.class);
        String nbConstructor = "public dev.ariadne.core.dist.NegativeBinomial(double, double);";
        assertThat(codeLength(negativeBinomial, nbConstructor))
                .as("bytes of bytecode in NegativeBinomial(double, double)").isLessThanOrEqualTo(125);
        assertThat(body(negativeBinomial, nbConstructor)).as("NegativeBinomial(double, double) tests its parameters"
                + " in one expression and calls no Check in line").doesNotContain("dev/ariadne/core/dist/Check.");
        assertThat(codeLength(javap(NegativeBinomial.class, NegativeBinomial.class.getName() + "$Constants"),
                "void set(double, double);")).as("bytes of bytecode in NegativeBinomial's refill, which must stay a"
                + " call where it is rare").isGreaterThan(MAX_INLINE_SIZE);
        String check = javap(Check.class);
        String finite = "public static double finite(java.lang.String, java.lang.String, double);";
        assertThat(codeLength(check, finite)).as("bytes of bytecode in Check.finite").isLessThanOrEqualTo(25);
        assertThat(body(check, finite)).as("Check.finite tests Math.abs (an intrinsic, which counts no bytes),"
                + " not Double.isFinite (17 more)").doesNotContain("isFinite");
        assertThat(codeLength(check, "public static double positive(java.lang.String, java.lang.String, double);"))
                .as("bytes of bytecode in Check.positive").isLessThanOrEqualTo(25);
        assertThat(codeLength(javap(Rng.class, Rng.class.getName() + "$Stream"), "long step();"))
                .as("bytes of bytecode in the stream's step").isLessThanOrEqualTo(110);
    }

    @Test
    void theLatentSiteBodiesAreTooBigForC2ToInline() throws Exception {
        String code = javap(Engine.class);
        int bytes = codeLength(code, "double latent(int, dev.ariadne.core.dist.Dist, int);");
        assertThat(bytes).as("bytes of bytecode in Engine.latent; at %d or fewer C2 inlines it into every sample"
                + " site of a model", FREQ_INLINE_SIZE).isGreaterThan(FREQ_INLINE_SIZE);
        // The direct path's guide step, with a guided site's entry: the guide's call and the proposal's sampler,
        // compiled once. Inlined, they would make the site's entry too big a compiled method for C2 to inline into
        // the model (InlineSmallCode), and the prior made at the site would escape.
        bytes = codeLength(code, PROPOSED);
        assertThat(bytes).as("bytes of bytecode in Engine.proposed; at %d or fewer C2 inlines it into every guided"
                + " sample site of a model", FREQ_INLINE_SIZE).isGreaterThan(FREQ_INLINE_SIZE);
        // A scalar sample site's entry (the owner's check, the address's check, the slow path). Inlined, it made the
        // site's compiled code too big for C2 to inline into the model once the site's priors came from two classes
        // (InlineSmallCode), and every prior made at such a site was allocated (40 B and more per site).
        bytes = codeLength(code, "dev.ariadne.core.Slot enterOutOfLine(java.lang.String, int, "
                + "dev.ariadne.core.SiteKind, dev.ariadne.core.dist.ValueKind);");
        assertThat(bytes).as("bytes of bytecode in Engine.enterOutOfLine; at %d or fewer C2 inlines it into every"
                + " scalar sample site of a model", FREQ_INLINE_SIZE).isGreaterThan(FREQ_INLINE_SIZE);
    }

    /**
     * A guided site keeps no reference to its proposal but on the path of a defensive run that follows the prior
     * ({@code followed}): stored in the slot (as the check's cache once was), a proposal that the guide makes at each
     * site escapes and is allocated, 48 B a site, where C2 otherwise keeps it in registers.
     */
    @Test
    void theDirectPathStoresNoProposal() throws Exception {
        String code = body(javap(Engine.class), PROPOSED);
        Matcher stores = Pattern.compile(
                "putfield\\s+#\\d+\\s+// Field (?:[\\w/$]+\\.)?(\\w+):Ldev/ariadne/core/dist/(?!Support;)\\w+;")
                .matcher(code);
        java.util.List<String> fields = new java.util.ArrayList<>();
        while (stores.find()) {
            fields.add(stores.group(1));
        }
        assertThat(fields).as("fields of a distribution type written by Engine.proposed").containsExactly("followed");
        assertThat(code).as("Engine.proposed calls remember, which keeps the proposal").doesNotContain("remember");
        // Nor does it hand the proposal to a call that C2 leaves out of line where no run throws: the support's
        // check runs at each slot's first site only, too seldom to be inlined, and taking the proposal there made it
        // escape at every site (48 B a site from branch guided4 until branch hunt3). Only the error's maker, on the
        // path of a proposal that does not fit, and the proposal's own methods may take it.
        Matcher calls = Pattern.compile("invoke\\w+\\s+#\\d+\\s+// (?:Interface)?Method ([\\w/$.]+):\\(([^)]*)\\)")
                .matcher(code);
        java.util.List<String> taking = new java.util.ArrayList<>();
        while (calls.find()) {
            if (calls.group(2).matches(".*Ldev/ariadne/core/dist/(?:Dist|RealDist|IntDist|BoolDist|VecDist|ObjDist);.*")
                    && !calls.group(1).equals("misfit")) {
                taking.add(calls.group(1) + "(" + calls.group(2) + ")");
            }
        }
        assertThat(taking).as("calls of Engine.proposed that take a distribution, besides the misfit's message")
                .isEmpty();
    }

    /**
     * What an evidence site's usual case writes ({@code Engine.evidenceDone}, inlined into every observation, factor
     * and condition): its slot's log p and the run's two totals, nothing else. Its log q is 0 and read as such
     * ({@code Slot.logQ()}), and whether the run observed a continuous value is read from the slots, so neither is
     * stored at each site (branch observe3).
     */
    @Test
    void anEvidenceSiteWritesItsLogPAndTheRunsTotalsOnly() throws Exception {
        String code = body(javap(Engine.class),
                "private void evidenceDone(dev.ariadne.core.Slot, double);");
        Matcher stores = Pattern.compile("putfield\\s+#\\d+\\s+// Field (?:[\\w/$]+\\.)?(\\w+):").matcher(code);
        java.util.List<String> fields = new java.util.ArrayList<>();
        while (stores.find()) {
            fields.add(stores.group(1));
        }
        assertThat(fields).as("fields Engine.evidenceDone writes").containsExactly("logP", "logP", "logLikelihood");
    }

    /**
     * Which entry each scalar sample site calls. A real site calls only {@link Engine#enterOutOfLine}: with the
     * in-line {@link Engine#enter} in front of it for prior draws, a guided real site's compiled loop spilled its
     * values at every site (rare ran 5 to 9% slower) and a site whose priors come from two classes came within 150
     * bytes of InlineSmallCode. An int or bool site takes {@code enter} when the prior draws, so that a site repeating
     * the previous run's pays no call there, and {@code enterOutOfLine} on every other path.
     */
    @Test
    void realSitesEnterOutOfLineAndDiscreteSitesDrawnFromThePriorEnterInLine() throws Exception {
        String code = javap(ProbOverloads.class);
        String dist = "dev.ariadne.core.dist.";
        String real = body(code, "private double sampleReal(java.lang.String, int, " + dist + "RealDist);");
        assertThat(real).contains("Method enterOutOfLine:").doesNotContain("Method enter:");
        for (String discrete : new String[] {"private int sampleInt(java.lang.String, int, " + dist + "IntDist);",
            "private boolean sampleBool(java.lang.String, int, " + dist + "BoolDist);"}) {
            assertThat(body(code, discrete)).as(discrete).contains("Method enter:").contains("Method enterOutOfLine:")
                    .contains("Field path:I");
        }
    }

    /**
     * A sample site calls its prior's draw and log density (or mass) through {@link ProfileFreeCalls}'s constant
     * handles, never with {@code invokeinterface}, whose type profile the site's body shares with every other site.
     * With priors of two classes (Poisson and Binomial) that profile made C2 inline both classes into the body when
     * it compiled it on its own: 3,840 bytes of machine code, over InlineSmallCode, so that depending on the order
     * of compilation every site was a call and every prior made at one was allocated (1,627 bytes a run of 40
     * sites). A real site with a Gamma and a Beta prior (the betabin workload) did the same: its body compiled to
     * 5,296 bytes with both classes' log densities, "already compiled into a big method", and the workload allocated
     * 699 bytes a run (27 through the handles). A handle that is not a constant (a non-final field) would be a call
     * everywhere, which is worse.
     */
    @Test
    void sampleSitesReachTheirPriorsThroughConstantHandlesWithoutATypeProfile() throws Exception {
        String code = javap(ProbOverloads.class);
        String dist = "dev.ariadne.core.dist.";
        for (String[] site : new String[][] {
            {"private int sampleInt(java.lang.String, int, " + dist + "IntDist);", "IntDist", "logMass"},
            {"private boolean sampleBool(java.lang.String, int, " + dist + "BoolDist);", "BoolDist", "logMass"},
            {"private double sampleReal(java.lang.String, int, " + dist + "RealDist);", "RealDist", "logDensity"}}) {
            String body = body(code, site[0]);
            assertThat(body).as(site[0])
                    .doesNotContain("InterfaceMethod dev/ariadne/core/dist/" + site[1] + ".sample:")
                    .doesNotContain("InterfaceMethod dev/ariadne/core/dist/" + site[1] + "." + site[2] + ":")
                    .contains("Method dev/ariadne/core/ProfileFreeCalls.draw:")
                    .contains("Method dev/ariadne/core/ProfileFreeCalls." + site[2] + ":");
        }
        int handles = 0;
        for (Field f : ProfileFreeCalls.class.getDeclaredFields()) {
            if (f.getType() == MethodHandle.class) {
                handles++;
                assertThat(Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()))
                        .as(f.getName() + ": only a static final handle is a constant that C2 inlines").isTrue();
            }
        }
        assertThat(handles).isEqualTo(6);
    }

    /**
     * A Binomial's draw is called through a handle C2 cannot inline, with numbers only; its {@code sample} is the
     * call. Inlined (226 bytes of bytecode with its log mass at the mode and the search outward from it), it made the
     * compiled body of an int site drawing from a Binomial 2,700 to 3,800 bytes, over InlineSmallCode, whether its
     * priors came from one class or two: C2 then called that body from the model and the Binomial made at the site
     * was allocated, in some JVM starts or all.
     */
    @Test
    void aBinomialsDrawIsCalledThroughAHandle() throws Exception {
        int bytes = codeLength(javap(Binomial.class), "public int sample(dev.ariadne.core.Rng);");
        assertThat(bytes).as("bytes of bytecode in Binomial.sample").isLessThanOrEqualTo(MAX_INLINE_SIZE);
        assertAHandleC2CallsAndNeverInlines(Binomial.class.getDeclaredField("drawer"));
    }

    /**
     * The standard normal draw's rare path stays out of line. Inlined (as Commons RNG's edge path, 321 bytes, was),
     * it made the entry of every site that draws from a normal, half-normal or gamma prior too big a compiled
     * method for C2 to inline into the model, and the prior made at the site escaped and was allocated.
     */
    @Test
    void theNormalDrawsEdgePathIsTooBigToInlineAndItsCommonPathIsNot() throws Exception {
        int bytes = codeLength(javap(NormalZiggurat.class), "static double edge(dev.ariadne.core.Rng, long);");
        assertThat(bytes).as("bytes of bytecode in NormalZiggurat.edge; at %d or fewer C2 inlines it into every"
                + " normal draw", FREQ_INLINE_SIZE).isGreaterThan(FREQ_INLINE_SIZE);
        bytes = codeLength(javap(Rng.class), "public double standardNormal();");
        assertThat(bytes).as("bytes of bytecode in Rng.standardNormal").isLessThanOrEqualTo(FREQ_INLINE_SIZE);
    }

    /** The same for a Beta draw: a ratio of gammas and Cheng's algorithms in one method, taking numbers only. */
    @Test
    void theBetaSamplerIsTooBigToInline() throws Exception {
        String code = javap(Beta.class, "dev.ariadne.core.dist.BetaSampler");
        int bytes = codeLength(code, "static double sample(dev.ariadne.core.Rng, double, double, double, double);");
        assertThat(bytes).as("bytes of bytecode in BetaSampler.sample; at %d or fewer C2 inlines it into every"
                + " site that draws from a Beta", FREQ_INLINE_SIZE).isGreaterThan(FREQ_INLINE_SIZE);
    }

    /**
     * The same for log B(a, b), which a Beta made at a site with new shapes takes through its constructor's refill:
     * at 305 bytes C2 inlined it into the site, the site into no model, and the Beta was allocated (40 B a site).
     */
    @Test
    void theLogBetaFunctionIsTooBigToInline() throws Exception {
        String code = javap(Beta.class, "dev.ariadne.core.dist.LogBetaFunction");
        int bytes = codeLength(code, "static double value(double, double);");
        assertThat(bytes).as("bytes of bytecode in LogBetaFunction.value; at %d or fewer C2 inlines it into every"
                + " site that makes a Beta with new shapes", FREQ_INLINE_SIZE).isGreaterThan(FREQ_INLINE_SIZE);
    }

    @Test
    void thePathToItAndTheEvidenceSitesWorkStaySmallEnoughToInline() throws Exception {
        String dist = "dev.ariadne.core.dist.";
        Map<Class<?>, String[]> inlined = Map.of(
                Engine.class, new String[] {
                    "private void requireThread();",
                    "dev.ariadne.core.Slot enter(java.lang.String, int, dev.ariadne.core.SiteKind, " + dist
                            + "ValueKind);",
                    "void evidence(dev.ariadne.core.Slot, " + dist + "Dist, double);",
                    "double drawn(dev.ariadne.core.Slot, int, double, double, boolean);",
                    "private void evidenceDone(dev.ariadne.core.Slot, double);"},
                SiteTable.class, new String[] {
                    "dev.ariadne.core.Slot repeat(java.lang.String, int, dev.ariadne.core.SiteKind, " + dist
                            + "ValueKind, dev.ariadne.core.Address);"},
                ProbOverloads.class, new String[] {
                    "private double sampleReal(java.lang.String, int, " + dist + "RealDist);",
                    "private int sampleInt(java.lang.String, int, " + dist + "IntDist);",
                    "private boolean sampleBool(java.lang.String, int, " + dist + "BoolDist);",
                    "private void observeReal(java.lang.String, int, " + dist + "RealDist, double);",
                    "private void observeInt(java.lang.String, int, " + dist + "IntDist, int);",
                    "private void observeBool(java.lang.String, int, " + dist + "BoolDist, boolean);",
                    "private void factorAt(java.lang.String, int, double);",
                    "private void conditionAt(java.lang.String, int, boolean);"});
        for (Map.Entry<Class<?>, String[]> e : inlined.entrySet()) {
            String code = javap(e.getKey());
            for (String method : e.getValue()) {
                assertThat(codeLength(code, method)).as("bytes of bytecode in %s.%s; above %d C2 never inlines it",
                        e.getKey().getSimpleName(), method, FREQ_INLINE_SIZE).isLessThanOrEqualTo(FREQ_INLINE_SIZE);
            }
        }
    }

    /**
     * A gamma draw (about 220 bytes of bytecode, too small to stay out of line by its size) is called through a
     * method handle that C2 does not treat as a constant: a field that is not final. Inlined, it made the entry of
     * a site drawing from a Gamma made at the site too big to inline, and the Gamma was allocated.
     */
    @Test
    void theGammaDrawIsCalledThroughAHandleC2CannotInline() throws Exception {
        assertAHandleC2CallsAndNeverInlines(Class.forName("dev.ariadne.core.dist.GammaSampler").getDeclaredField("kernel"));
    }

    /**
     * A NegativeBinomial made at each observation with a new p (a regression on the mean) is inlined and
     * scalar-replaced only if neither its mass nor its constants' refill inlines Commons' log-gamma: with it, each
     * compiled past InlineSmallCode, the constructor and the engine's observation were calls, and every
     * NegativeBinomial was allocated (64 B an observation). Both call log Gamma through a handle C2 cannot inline.
     */
    @Test
    void aNegativeBinomialsLogGammaIsCalledThroughAHandle() throws Exception {
        assertAHandleC2CallsAndNeverInlines(NegativeBinomial.class.getDeclaredField("logGamma"));
        assertThat(body(javap(NegativeBinomial.class), "public double logMass(int);")).as("NegativeBinomial.logMass")
                .doesNotContain("LogMath.logGamma");
        assertThat(body(javap(NegativeBinomial.class, NegativeBinomial.class.getName() + "$Constants"),
                "void set(double, double);")).as("NegativeBinomial's refill").doesNotContain("LogMath.logGamma");
    }

    /**
     * A MultivariateNormal made at each observation with one covariance (a model's shared noise) is inlined and
     * scalar-replaced only if its constructor's compiled code stays under InlineSmallCode: the comparison with the
     * thread's last covariance and the factorisation of a new one are called through a handle C2 cannot inline. In
     * line they made the constructor 9 KB of code (3 KB with only the factorisation out of line), a call at every
     * observation, and the distribution was allocated at each.
     */
    @Test
    void aMultivariateNormalsFactorsAreFoundThroughAHandle() throws Exception {
        String mvn = javap(MultivariateNormal.class);
        String constructor = "public " + MultivariateNormal.class.getName() + "(double[], double[][]);";
        assertThat(body(mvn, constructor)).as("MultivariateNormal(mean, covariance)")
                .contains("Method factorsOf:").doesNotContain("LastCovariance");
        assertThat(body(mvn, "private static " + MultivariateNormal.class.getName() + "$Factors factorsOf(double[][],"
                + " int);")).as("MultivariateNormal.factorsOf").contains("invokeExact")
                .doesNotContain("findFactors").doesNotContain("holds");
        assertAHandleC2CallsAndNeverInlines(MultivariateNormal.class.getDeclaredField("factorsFinder"));
    }

    /**
     * An observed vector is copied into its slot's array, which is made when the slot is taken (Slot.setKinds), so
     * that the observation's code has no allocation that is ever taken: a branch that allocated once per slot kept
     * C2 from scalar-replacing a MultivariateNormal made once a run and observed at every site. Nor does it store a
     * reference: holding a new copy in the slot's object field paid a GC barrier at every observation.
     */
    @Test
    void anObservedVectorIsCopiedIntoItsSlotWithoutAReferenceStore() throws Exception {
        String table = javap(SiteTable.class);
        String hold = body(table, "boolean holdVector(dev.ariadne.core.Slot, double[]);");
        assertThat(hold).as("SiteTable.holdVector").doesNotContain("putfield").doesNotContain("newarray")
                .contains("Method growHeldVector:");
        assertThat(body(javap(ProbOverloads.class), "private void observeVector(java.lang.String, int,"
                + " dev.ariadne.core.dist.VecDist, double[]);")).as("ProbOverloads.observeVector")
                .doesNotContain("clone").doesNotContain("holdObject");
    }

    /**
     * A Categorical made at a site with the weights of the last one (each assignment of a mixture) costs a
     * comparison per weight, in line: its constructor stays small enough to inline, and the normalisation of new
     * weights (about 190 bytes with its checks) is called through a handle C2 cannot inline. Inlined into the
     * constructor's own compiled body, it made that body too big a compiled method (InlineSmallCode) for C2 to
     * inline into the model: every assignment site then called it, and the Categorical escaped into the call.
     */
    @Test
    void aCategoricalsConstructorInlinesAndItsNormalisationIsCalledThroughAHandle() throws Exception {
        int bytes = codeLength(javap(Categorical.class), "public " + Categorical.class.getName() + "(double...);");
        assertThat(bytes).as("bytes of bytecode in Categorical(double...)").isLessThanOrEqualTo(FREQ_INLINE_SIZE);
        assertAHandleC2CallsAndNeverInlines(Categorical.class.getDeclaredField("normaliser"));
    }

    /**
     * A Categorical's log mass is inlined at any site, however cold: within MaxInlineSize, where one held unnormalised
     * and an index out of range take a call. At 42 bytes (the unnormalised case in line) it was not inlined at a
     * mixture's assignment sites, the engine's int site compiled on its own past InlineSmallCode, and a mixture ran
     * 3x slower with its Categorical allocated at every site.
     */
    @Test
    void aCategoricalsLogMassStaysWithinTheAlwaysInlinedSize() throws Exception {
        assertThat(codeLength(javap(Categorical.class), "public double logMass(int);"))
                .as("bytes of bytecode in Categorical.logMass").isLessThanOrEqualTo(MAX_INLINE_SIZE);
    }

    /**
     * A Categorical made from logits at each observation (a softmax regression) is inlined where the model makes it,
     * so that the distribution is not allocated: its messages are built out of line, its largest logit is found
     * without Math.max's code for NaN and signed zeros, and its running sums are not divided by their total (a draw
     * scales its uniform by the total). With those in line, {@code ofLogits} compiled to 2,848 bytes of machine code,
     * past InlineSmallCode (2,500): every observation called it, and 152 bytes were allocated there (40 with it
     * inlined).
     */
    @Test
    void categoricalOfLogitsKeepsItsMessagesAndDivisionsOutOfLine() throws Exception {
        String code = body(javap(Categorical.class),
                "public static " + Categorical.class.getName() + " ofLogits(double...);");
        assertThat(code).as("Categorical.ofLogits").contains("Method invalidLogits:")
                .doesNotContain("makeConcatWithConstants").doesNotContain("ParameterException.\"<init>\"")
                .doesNotContain("Math.max").doesNotContain("ddiv");
        assertThat(codeLength(javap(Categorical.class),
                "public static " + Categorical.class.getName() + " ofLogits(double...);"))
                .as("bytes of bytecode in Categorical.ofLogits").isLessThanOrEqualTo(180);
    }

    /**
     * A Categorical made at a site is scalar-replaced, and its fields are what the site keeps across its one call to
     * the engine (each a store before the call; the deoptimisation state needs them all). The total its draw scales by
     * is the last cumulative sum, not a field of its own.
     */
    @Test
    void aCategoricalHoldsFourFields() {
        long fields = java.util.Arrays.stream(Categorical.class.getDeclaredFields())
                .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers())).count();
        assertThat(fields).as("instance fields of Categorical").isEqualTo(4);
    }

    /**
     * The direct path's guide step tests the proposal's kind of value by its type, in one branch per kind of site
     * (a {@code RealDist}, an {@code IntDist}, a {@code BoolDist}): after the branch's type test C2 knows the
     * proposal's class where the guide proposes one class at that kind of site, and neither tests it again nor
     * reads the kind of value's ordinal (a class test and a load fewer a guided site than one test of
     * {@code valueKind().ordinal()} shared by the three kinds).
     */
    @Test
    void theGuideStepTestsTheProposalsKindByTypeInEachBranch() throws Exception {
        String code = body(javap(Engine.class), PROPOSED);
        for (String type : new String[] {"RealDist", "IntDist", "BoolDist"}) {
            assertThat(code).as("Engine.proposed tests instanceof " + type)
                    .containsPattern("instanceof\\s+#\\d+\\s+// class dev/ariadne/core/dist/" + type + "\\b");
        }
    }

    /**
     * A guide that reads the history at each site ({@code h.real("x", t - 1)}) inlines the read into its own compiled
     * code, and that code is inlined into the engine's guide step only while it stays under C2's InlineSmallCode
     * (2,500 bytes of machine code); past it, the proposal the guide makes is allocated at every site. A read by name
     * of a scalar is its test of the site's kind of value and {@code SiteTable.recall}'s try of the previous run's
     * position, with the table's lookup and the errors out of line. Before, the read was {@code require} (144 bytes),
     * the table's lookup (169) and the checks of the slot (110 and 45), and the ar1 probe's guide (an AR(1) state
     * space guided by {@code new Normal(k phi h.real("x", t - 1) + g y_t, s)}) compiled past InlineSmallCode.
     */
    @Test
    void aReadByNameInlinesLittleAndLooksUpAddressesOutOfLine() throws Exception {
        String history = javap(RunHistory.class);
        for (String read : new String[] {"public double real(java.lang.String, int);",
            "public int integer(java.lang.String, int);", "public boolean bool(java.lang.String, int);"}) {
            assertThat(codeLength(history, read)).as("bytes of bytecode in RunHistory." + read).isLessThanOrEqualTo(90);
        }
        String table = javap(SiteTable.class);
        String recall = "int recall(dev.ariadne.core.Address, java.lang.String, int, int);";
        assertThat(codeLength(table, recall)).as("bytes of bytecode in SiteTable.recall").isLessThanOrEqualTo(100);
        assertThat(body(table, recall)).as("SiteTable.recall calls the table's lookup out of line")
                .doesNotContain("Method lookup:").contains("Method recallByAddress:");
        assertThat(codeLength(table, "private int recallByAddress(int, dev.ariadne.core.Address, java.lang.String, int,"
                + " int);")).as("bytes of bytecode in SiteTable.recallByAddress").isGreaterThan(MAX_INLINE_SIZE);
    }

    /**
     * What a scalar site reads and writes in its slot on the direct path (address, kinds, value, scores and the
     * proposal's cached check) lies together, with at most the slot's 4-byte position among it: a model of a few
     * hundred sites touches a few hundred slots a run, and spread over a whole slot (128 bytes) these fields took 2
     * to 3 cache lines a site (mixture's 203 slots alone about 36 KB a run against a 32 KB L1). It holds for HotSpot's
     * layout of fields (Slot's comment); on another layout the fields are where that JVM puts them.
     */
    @Test
    void theFieldsASiteUsesLieTogetherInItsSlot() throws Exception {
        Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
        int reference = unsafe.arrayIndexScale(Object[].class);
        long first = Long.MAX_VALUE;
        long end = 0;
        int bytes = 0;
        for (String name : new String[] {"scalar", "logP", "logQ", "checkedSupportShape", "index", "kinds", "name",
            "scope", "checkedSupport"}) {
            Field f = Slot.class.getDeclaredField(name);
            int size = f.getType() == double.class || f.getType() == long.class ? 8
                    : f.getType() == int.class ? 4 : reference;
            long at = unsafe.objectFieldOffset(f);
            first = Math.min(first, at);
            end = Math.max(end, at + size);
            bytes += size;
        }
        assertThat(end - first).as("bytes from the first of a site's fields in its slot to the end of the last")
                .isLessThanOrEqualTo(bytes + 4);
    }

    /**
     * The general path hands on a copy of a distribution made at a site, made in line where the model made it, never
     * the model's object: a call that takes the object makes it escape, and C2 allocates an object that escapes on
     * any branch on every branch. Once any run in the JVM had taken the general path (a trace, {@code
     * Importance.check}, the diagnostics' runs), its branch was compiled into every model compiled after, and every
     * distribution those models made at a site was allocated on the direct path: after {@code Importance.check} the
     * mixture workload allocated 8,393 bytes a run (297 before it), logistic regression 8,176 (32), the poisson
     * workload 3,510 (30). So each sample site's two branches that hand the prior out of line (the general path's and a
     * prior-reading guide's) and an evidence site's handled branch hand on {@code d.detached()}, called directly: C2
     * binds it from the exact class where the model made the distribution, and every scalar distribution's {@code
     * detached} is a copy within MaxInlineSize, which C2 inlines at a cold site. (Through a constant method handle, as
     * {@link ProfileFreeCalls} calls a prior's draw, the handle's receiver check, 52 bytes, was not inlined at a cold
     * site, and the distribution escaped into it.)
     */
    @Test
    void theGeneralPathHandsOnACopyOfADistributionMadeAtASite() throws Exception {
        String code = javap(ProbOverloads.class);
        String dist = "dev.ariadne.core.dist.";
        for (String site : new String[] {
            "private double sampleReal(java.lang.String, int, " + dist + "RealDist);",
            "private int sampleInt(java.lang.String, int, " + dist + "IntDist);",
            "private boolean sampleBool(java.lang.String, int, " + dist + "BoolDist);"}) {
            String body = body(code, site);
            assertThat(body.split("InterfaceMethod dev/ariadne/core/dist/[A-Za-z]+Dist.detached:", -1).length - 1)
                    .as(site + ": copies made for the general path and for a guide that reads the prior").isEqualTo(2);
        }
        assertThat(body(javap(Engine.class), "void evidence(dev.ariadne.core.Slot, " + dist + "Dist, double);"))
                .as("Engine.evidence").containsPattern("InterfaceMethod dev/ariadne/core/dist/Dist.detached:");
    }

    /**
     * Every scalar distribution's {@code detached} is a copy: a distinct object with every field of the original
     * (a cache that fills itself when first read aside), and small enough for C2 to inline at a cold call site.
     */
    @Test
    void everyScalarDistributionDetachesAsAFieldForFieldCopyThatInlinesAnywhere() throws Exception {
        dev.ariadne.core.dist.Dist[] made = {new dev.ariadne.core.dist.Bernoulli(0.3), new Beta(2, 3),
            new Binomial(10, 0.4), new Categorical(1, 2, 3), new dev.ariadne.core.dist.Cauchy(1, 2),
            new dev.ariadne.core.dist.DiscreteUniform(2, 7), new dev.ariadne.core.dist.Exponential(1.5),
            new Gamma(2.5, 0.5), new dev.ariadne.core.dist.Geometric(0.2), new dev.ariadne.core.dist.HalfNormal(2),
            new dev.ariadne.core.dist.Laplace(0, 3), new dev.ariadne.core.dist.LogNormal(0.5, 0.25),
            new NegativeBinomial(3.5, 0.4), new Normal(1, 2), new dev.ariadne.core.dist.Poisson(4.5),
            new dev.ariadne.core.dist.StudentT(3, 1, 2), new dev.ariadne.core.dist.Uniform(-1, 2),
            new dev.ariadne.core.dist.Weibull(1.5, 2), new dev.ariadne.core.dist.HalfCauchy(2)};
        assertThat(made).as("a distribution of each scalar class").hasSize((int) java.util.Arrays.stream(
                        dev.ariadne.core.dist.Dist.class.getPermittedSubclasses())
                .filter(kind -> kind != dev.ariadne.core.dist.VecDist.class
                        && kind != dev.ariadne.core.dist.ObjDist.class)
                .mapToLong(kind -> scalarDistributionsImplementing(kind)).sum());
        for (dev.ariadne.core.dist.Dist d : made) {
            Class<?> type = d.getClass();
            dev.ariadne.core.dist.Dist copy = d.detached();
            assertThat(copy).as(type.getSimpleName() + ".detached()").isNotSameAs(d).isEqualTo(d)
                    .hasSameClassAs(d);
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isVolatile(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                assertThat(f.get(copy)).as(type.getSimpleName() + "." + f.getName() + " in the copy")
                        .isEqualTo(f.get(d));
            }
            assertThat(codeLength(javap(type), "public " + type.getName() + " detached();"))
                    .as("bytes of bytecode in " + type.getSimpleName() + ".detached")
                    .isLessThanOrEqualTo(MAX_INLINE_SIZE);
        }
    }

    /** How many of the core's distribution classes implement the scalar kind {@code kind}. */
    private static long scalarDistributionsImplementing(Class<?> kind) {
        try {
            Path classes = Path.of(Normal.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve("dev/ariadne/core/dist");
            try (var files = java.nio.file.Files.list(classes)) {
                return files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".class") && !n.contains("$"))
                        .map(n -> load("dev.ariadne.core.dist." + n.substring(0, n.length() - 6)))
                        .filter(c -> !c.isInterface() && kind.isAssignableFrom(c)).count();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A static method handle in a field that is not final: C2 does not treat it as a constant, so calls it. */
    private static void assertAHandleC2CallsAndNeverInlines(Field handle) {
        assertThat(handle.getType()).isEqualTo(MethodHandle.class);
        assertThat(Modifier.isFinal(handle.getModifiers())).as("a final handle is a constant, which C2 inlines")
                .isFalse();
        assertThat(Modifier.isStatic(handle.getModifiers())).isTrue();
    }

    private static String javap(Class<?> type) throws Exception {
        return javap(type, type.getName());
    }

    /** javap of the class {@code name}, found where {@code neighbour} was loaded from (for package-private ones). */
    private static String javap(Class<?> neighbour, String name) throws Exception {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        StringWriter out = new StringWriter();
        Path classes = Path.of(neighbour.getProtectionDomain().getCodeSource().getLocation().toURI());
        int status = javap.run(new PrintWriter(out), new PrintWriter(out), "-c", "-p", "-cp", classes.toString(),
                name);
        assertThat(status).as(out.toString()).isZero();
        return out.toString();
    }

    /** A method's bytecode in javap -c output. */
    private static String body(String javap, String signature) {
        int start = javap.indexOf("  " + signature);
        assertThat(start).as("javap lists " + signature).isNotNegative();
        int end = javap.indexOf("\n\n", start);
        return javap.substring(start, end < 0 ? javap.length() : end);
    }

    /** The length of a method's bytecode in javap -c output: one past the offset of its last instruction. */
    private static int codeLength(String javap, String signature) {
        int start = javap.indexOf("  " + signature);
        assertThat(start).as("javap lists " + signature).isNotNegative();
        int end = javap.indexOf("\n\n", start);
        Matcher m = Pattern.compile("^\\s+(\\d+): (\\w+)", Pattern.MULTILINE)
                .matcher(javap.substring(start, end < 0 ? javap.length() : end));
        int last = -1;
        String op = null;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
            op = m.group(2);
        }
        assertThat(op).as("the method ends in a return or a throw").matches(".*return|athrow");
        return last + 1;
    }

    /**
     * A Poisson's miss (a rate other than the thread's last, once per group in a model of groups) and the table of
     * logs it falls back on are small methods that C2 inlines at any call, however rare. Before, the miss looked up
     * the thread's kept log (50 bytes) and called the table (about 80): where the warm-up had reached the table a
     * few times, C2 compiled that rarely taken branch as a call, and the call in the observations' loop slowed every
     * observation, 0.86 s against 0.63 s for 10^6 runs of the Poisson groups, in five JVM starts of six. C2 also
     * inlines no method the interpreter ran fewer than 250 times, so the table runs its own path at class loading.
     */
    @Test
    void aPoissonsMissAndTheTableOfLogsInlineAtAnyCall() throws Exception {
        Class<?> poisson = dev.ariadne.core.dist.Poisson.class;
        String memo = javap(poisson, "dev.ariadne.core.dist.LogMemo");
        for (String m : new String[] {"double log(double);", "private double lookup(double);",
            "static int slot(double);", "static int slot(long);", "private double found(int);",
            "private double missed(int, double);", "private void hold(int, double, double);",
            "private double skipped(double);"}) {
            assertThat(codeLength(memo, m)).as("bytes of bytecode in LogMemo's " + m).isLessThanOrEqualTo(
                    MAX_INLINE_SIZE);
        }
        assertThat(memo).as("the table runs its path when its class is loaded").contains("static {};");
        assertThat(codeLength(javap(poisson, "dev.ariadne.core.dist.KeptLog"),
                "double logOr(double, dev.ariadne.core.dist.LogMemo);")).as("bytes of bytecode in KeptLog.logOr")
                .isLessThanOrEqualTo(MAX_INLINE_SIZE);
        String miss = javap(poisson, "dev.ariadne.core.dist.Poisson$LogOf");
        assertThat(codeLength(miss, "void missed(double);")).as("bytes of bytecode in Poisson's miss")
                .isLessThanOrEqualTo(MAX_INLINE_SIZE);
        assertThat(body(miss, "void missed(double);")).as("the miss looks up no per-thread entry")
                .doesNotContain("PerThreadSlot").doesNotContain("KeptLog.mine");
    }

    /**
     * An evidence site's scoring, and its error's branch, are not handed the site's distribution: a call that takes
     * it makes a distribution made at the site escape, and it is then allocated at every site. The error's branch
     * was meant to compile as a trap, but after a run had failed at an observation C2 compiled it as a call on too
     * few counts, and a {@code new Uniform(0, theta)} observed at each of 60 points was allocated at each (2,454 B a
     * run against 54). The error names the distribution from a recording engine's slot, a handler's, or the run
     * made again on the recording twin.
     */
    @Test
    void anEvidenceSitesScoringAndItsErrorAreNotHandedItsDistribution() {
        java.util.List<String> taking = new java.util.ArrayList<>();
        for (java.lang.reflect.Method m : Engine.class.getDeclaredMethods()) {
            if (m.getName().equals("evidenceDone") || m.getName().equals("evidenceError")
                    || m.getName().equals("evidenceFails")) {
                for (Class<?> t : m.getParameterTypes()) {
                    if (dev.ariadne.core.dist.Dist.class.isAssignableFrom(t)) {
                        taking.add(m.toString());
                    }
                }
            }
        }
        assertThat(taking).as("evidence methods that take a distribution").isEmpty();
    }
}
