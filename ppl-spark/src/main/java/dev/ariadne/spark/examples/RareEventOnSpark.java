package dev.ariadne.spark.examples;

import dev.ariadne.core.History;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Normal;
import dev.ariadne.inference.Importance;
import dev.ariadne.inference.ImportanceResult;
import dev.ariadne.inference.stats.Bound;
import dev.ariadne.search.Budget;
import dev.ariadne.search.GuideFamily;
import dev.ariadne.search.GuideSearch;
import dev.ariadne.search.SearchResult;
import dev.ariadne.search.Strategy;
import dev.ariadne.spark.SparkBackend;
import java.time.Duration;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The rare-event certification on Spark: ten N(0, 1) draws whose sum exceeds 22 (P(e) = 1.7378e-12, out of reach of
 * the prior). A cross-entropy search finds a guide, with each step's runs made on the cluster; then importance
 * sampling under that guide runs on the cluster until the 99% lower bound on P(e) is within 5% of the estimate.
 * Both give, bit for bit, what one thread of one JVM gives for the same seeds.
 *
 * <pre>
 * spark-submit --class dev.ariadne.spark.examples.RareEventOnSpark ariadne-spark.jar [max runs] [partitions]
 * </pre>
 * The master comes from {@code spark-submit} ({@code --master}); run as a plain Java program, it is
 * {@code local[2]}.
 */
public final class RareEventOnSpark {

    static final double THRESHOLD = 22;
    /** log P(sum of ten N(0, 1) > 22) = log P(N(0, 1) > 22 / sqrt(10)). */
    static final double EXACT_LOG_Z = -27.078377593191;

    /**
     * Ten standard normals whose sum reaches 22 (hard evidence, stated with its margin so that the certification can
     * look, from the prior, for a region of the event the guide never reaches); returns the sum.
     */
    static final Model<Double> MODEL = p -> {
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += p.sample("z", i, new Normal(0, 1));
        }
        p.condition("beyond", sum, THRESHOLD);
        return sum;
    };

    private RareEventOnSpark() {
    }

    /** The sum of a run's draws: the level the cross-entropy method raises towards the threshold. */
    static double sum(History h) {
        double s = 0;
        for (int i = 0; i < 10; i++) {
            s += h.real("z", i);
        }
        return s;
    }

    /**
     * Runs the example.
     *
     * @param args optional: the most runs of the certification (default 10^8), the partitions per job (default:
     *             the cluster's default parallelism)
     */
    public static void main(String[] args) {
        long maxRuns = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 100_000_000L;
        SparkConf conf = new SparkConf().setAppName("Ariadne rare event").setIfMissing("spark.master", "local[2]");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            SparkBackend spark = SparkBackend.of(sc);
            if (args.length > 1) {
                spark = spark.partitions(Integer.parseInt(args[1]));
            }
            System.out.println("Running on " + spark);

            long t0 = System.nanoTime();
            SearchResult search = GuideSearch.of(MODEL, GuideFamily.meanField())
                    .strategy(Strategy.crossEntropy().runs(10_000).rho(0.1).level(RareEventOnSpark::sum, THRESHOLD))
                    .budget(Budget.steps(12)).seed(1).certify(100_000, 0.01).backend(spark).run();
            System.out.printf(Locale.ROOT, "cross-entropy search on Spark: %s (%.1f s)%n", search.summary(),
                    (System.nanoTime() - t0) / 1e9);

            long t1 = System.nanoTime();
            ImportanceResult<Double> r = Importance.of(MODEL).guide(search.guide()).samples(maxRuns).seed(2)
                    .keep(0).untilCertified(0.01, 0.95, Duration.ofMinutes(30)).backend(spark).run();
            Bound b = r.lowerBound(0.01);
            System.out.printf(Locale.ROOT, "certified on Spark: %,d runs in %.1f s; log Z-hat %s (exact %.4f); "
                    + "P(e) >= %s with confidence 0.99, %.3f of the truth%n", r.runs(),
                    (System.nanoTime() - t1) / 1e9, r.logEvidence(), EXACT_LOG_Z, b.text(5),
                    Math.exp(b.logValue() - EXACT_LOG_Z));
        }
    }
}
