package io.github.gradgraph.spark;

import io.github.gradgraph.nn.cluster.ClusterSession;
import io.github.gradgraph.nn.cluster.ClusterTraining;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * gradgraph's cluster training on Apache Spark, found by {@link ClusterTraining#find()} through
 * {@code META-INF/services}. The Spark settings of the JVM ({@code spark.*} system properties, which spark-submit
 * sets) are honoured; Kryo with registration is added, and Spark's console progress bar is off (the caller draws its
 * own).
 */
public final class SparkClusterTraining implements ClusterTraining {
    /** The master URLs Spark accepts (SparkContext's own patterns, and the cluster managers' schemes). */
    private static final Pattern MASTER = Pattern.compile(
            "local|local\\[(\\*|[1-9]\\d*)(,\\s*[1-9]\\d*)?\\]|local-cluster\\[.+\\]|spark://.+|yarn|k8s://.+");

    @Override
    public ClusterSession open(String master, String appName) {
        SparkConf conf = SparkTrainer.configure(new SparkConf());
        if (master != null) {
            conf.setMaster(master.trim());
        }
        if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master to train on: give one, such as local[2] (this machine, "
                    + "2 threads) or spark://host:7077");
        }
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        String url = conf.get("spark.master");
        if (!MASTER.matcher(url).matches()) {
            throw new IllegalArgumentException("'" + url + "' is not a Spark master: use local[N] (this machine, N "
                    + "threads), local[*], spark://host:port, yarn or k8s://host:port");
        }
        return new SparkClusterSession(JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf)));
    }
}
