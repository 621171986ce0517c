package io.github.gradgraph.spark;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.SparkConf;
import org.ejml.data.DMatrixRMaj;

/**
 * Full-batch training of a {@link Network} on Spark, as MLlib's multilayer perceptron does it: every step broadcasts
 * the parameters, each partition runs gradgraph's compiled gradient program (derived by the engine, built once per
 * executor from a {@link NetworkDescription}) on its blocks of samples, the sample-weighted gradients and losses are
 * summed with {@code treeAggregate}, and the driver applies the optimizer, whose state lives on the driver.
 */
public final class SparkTrainer {
    private final JavaSparkContext sc;
    private final Network network;
    private final NetworkDescription description;
    private final Optimizer optimizer;

    /**
     * @param sc        the Spark context
     * @param network   the network; its graph stays on the driver
     * @param optimizer applied on the driver after each step's aggregate
     */
    public SparkTrainer(JavaSparkContext sc, Network network, Optimizer optimizer) {
        this.sc = sc;
        this.network = network;
        this.description = NetworkDescription.of(network.spec());
        this.optimizer = optimizer;
    }

    /**
     * Adds the L2 term λ/(2m)·Σ‖W[l]‖² to the weights' gradients (λ/m·W[l]) once, on the driver.
     *
     * @return the term's value
     */
    private double l2(List<DMatrixRMaj> values, List<DMatrixRMaj> grads, long m) {
        double lambda = network.spec().l2();
        if (lambda == 0) {
            return 0;
        }
        double squares = 0;
        for (int l = 1; l <= network.spec().depth(); l++) {
            int p = network.parameters().indexOf(network.weight(l));
            double[] w = values.get(p).data;
            double[] g = grads.get(p).data;
            for (int i = 0; i < values.get(p).getNumElements(); i++) {
                squares += w[i] * w[i];
                g[i] += lambda / m * w[i];
            }
        }
        return lambda / (2.0 * m) * squares;
    }

    /** Settings every gradgraph Spark job needs: Kryo with the classes it moves registered (registration required). */
    public static SparkConf configure(SparkConf conf) {
        return conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrationRequired", "true")
                .registerKryoClasses(new Class<?>[] {SampleBlock.class, GradientSum.class, NetworkDescription.class,
                    SparkCsv.Prepared.class, double[].class, double[][].class, int[].class, Object[].class,
                    String.class, String[].class, java.util.HashMap.class, scala.Tuple2.class, scala.Tuple2[].class});
    }

    /**
     * Runs full-batch steps: each uses every sample of {@code blocks} once.
     *
     * @param blocks the samples, cached by the caller if read more than once
     * @param store  the parameters, updated on the driver after every step
     * @param steps  ≥ 1
     * @return J of each step, before its update
     */
    public double[] fit(JavaRDD<SampleBlock> blocks, ParameterStore store, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("the number of steps must be at least 1, got " + steps);
        }
        List<Node> params = network.parameters();
        double[] losses = new double[steps];
        NetworkDescription d = description;
        for (int s = 0; s < steps; s++) {
            double[][] values = new double[params.size()][];
            for (int p = 0; p < values.length; p++) {
                DMatrixRMaj v = store.get(params.get(p));
                if (v == null) {
                    throw new IllegalArgumentException("parameter " + params.get(p).label() + " has no value");
                }
                values[p] = v.data;
            }
            Broadcast<double[][]> broadcast = sc.broadcast(values);
            GradientSum sum = blocks.treeAggregate(new GradientSum(),
                    (acc, block) -> {
                        ExecutorPrograms.get(d).accumulate(broadcast.value(), block, acc);
                        return acc;
                    },
                    GradientSum::merge, 2);
            broadcast.destroy();
            if (sum.samples == 0) {
                throw new IllegalArgumentException("the data has no samples");
            }
            List<DMatrixRMaj> paramValues = new ArrayList<>();
            List<DMatrixRMaj> gradValues = new ArrayList<>();
            for (int p = 0; p < params.size(); p++) {
                DMatrixRMaj v = store.get(params.get(p));
                double[] g = sum.gradients[p];
                for (int i = 0; i < g.length; i++) {
                    g[i] /= sum.samples;
                }
                paramValues.add(v);
                gradValues.add(DMatrixRMaj.wrap(v.numRows, v.numCols, g));
            }
            losses[s] = sum.loss / sum.samples + l2(paramValues, gradValues, sum.samples);
            optimizer.step(paramValues, gradValues);
        }
        return losses;
    }
}
