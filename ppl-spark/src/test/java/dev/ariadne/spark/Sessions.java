package dev.ariadne.spark;

import org.apache.spark.SparkConf;

/** The embedded Spark sessions of the tests: loopback only, no UI, small. */
final class Sessions {

    private Sessions() {
    }

    static SparkConf conf(String master, String name) {
        return new SparkConf().setMaster(master).setAppName(name)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "2")
                .set("spark.ui.showConsoleProgress", "false");
    }
}
