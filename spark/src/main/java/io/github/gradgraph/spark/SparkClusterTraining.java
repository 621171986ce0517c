package io.github.gradgraph.spark;

import io.github.gradgraph.nn.cluster.ClusterSession;
import io.github.gradgraph.nn.cluster.ClusterTraining;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
        if (url.startsWith("spark://")) {
            reachable(url);
        }
        return new SparkClusterSession(JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf)));
    }

    /** Fails at once, naming the master, when no standalone master listens there (Spark would retry for a minute). */
    private static void reachable(String url) {
        for (String hostPort : url.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + url + "': '" + hostPort.substring(colon + 1)
                        + "' is not a port number");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 5000);
                return;
            } catch (IOException e) {
                if (!url.contains(",")) {
                    throw new IllegalArgumentException("no Spark master answers at " + host + ":" + port + " ("
                            + e.getMessage() + ")");
                }
            }
        }
        throw new IllegalArgumentException("none of the Spark masters " + url + " answers");
    }
}
