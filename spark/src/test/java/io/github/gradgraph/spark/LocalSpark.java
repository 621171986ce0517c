package io.github.gradgraph.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One local[2] Spark for every test class of this module (a JVM holds one SparkContext; starting it costs seconds):
 * Kryo with registration required as {@link SparkTrainer#configure} sets it, everything on loopback, no UI. It stops
 * with the test JVM.
 */
final class LocalSpark {
    private static JavaSparkContext context;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context() {
        if (context == null || context.sc().isStopped()) {
            SparkConf conf = SparkTrainer.configure(new SparkConf().setMaster("local[2]").setAppName("gradgraph-tests")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1"));
            context = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
        }
        return context;
    }
}
