package io.github.gradgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Trainer;
import io.github.gradgraph.nn.TrainingHistory;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.cluster.ClusterData;
import io.github.gradgraph.nn.cluster.ClusterSession;
import io.github.gradgraph.nn.cluster.ClusterTraining;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Preprocessing;
import io.github.gradgraph.nn.optim.Optimizers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line reaches Spark only through the {@link ClusterTraining} service: found on the classpath, it sends
 * data held by the driver, prepares blocks, hands samples back for checks, and trains as one machine does.
 */
class ClusterTrainingServiceTest {
    @BeforeAll
    static void start() {
        LocalSpark.context(); // the service's getOrCreate joins it
    }

    @Test
    void theServiceIsFound_andTrainsDataSentByTheDriver_asOneMachine() {
        ClusterTraining service = ClusterTraining.find().orElseThrow();
        assertEquals(SparkClusterTraining.class, service.getClass());
        ClusterSession session = service.open("local[2]", "test");
        assertTrue(session.describe().startsWith("Spark "), session.describe());

        Dataset.Split split = Datasets.builtIn("flower", 1).split(0.2, 1);
        ClusterData data = session.distribute(split.train(), split.test(), 3);
        assertEquals(Preprocessing.NONE, data.fit(1, true), "data sent by the driver come preprocessed");
        data.prepare(Preprocessing.NONE, 1, 50);
        Dataset head = data.head(120);
        assertEquals(120, head.size());
        assertEquals(split.train().x().get(1, 119), head.x().get(1, 119), 0.0);
        assertEquals(split.train().labels()[77], head.labels()[77]);

        NetworkSpec spec = NetworkSpec.defaults();
        Network one = new Network(spec);
        ParameterStore single = Initializer.XAVIER.initialize(one, new ParameterStore(), 1);
        ParameterStore store = single.copy();
        TrainingPlan plan = new TrainingPlan(5, TrainingPlan.FULL_BATCH, 1, 0);
        TrainingHistory expected = new Trainer(one, Optimizers.create("adam", 0.01)).fit(single, split.train(),
                split.test(), plan, null);
        Network net = new Network(spec);
        ParameterStore bound = new ParameterStore();
        net.parameters().forEach(p -> bound.set(p, store.get(p.label())));
        TrainingHistory h = session.fit(net, Optimizers.create("adam", 0.01), bound, data, plan, null);
        for (int e = 0; e < 5; e++) {
            assertEquals(expected.epochs().get(e).testLoss(), h.epochs().get(e).testLoss(),
                    1e-12 * expected.epochs().get(e).testLoss());
        }
    }

    @Test
    void aMalformedOrMissingMaster_isNamed() {
        ClusterTraining service = new SparkClusterTraining();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service.open("lokal[2]", "test"));
        assertEquals("'lokal[2]' is not a Spark master: use local[N] (this machine, N threads), local[*], "
                + "spark://host:port, yarn or k8s://host:port", e.getMessage());
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        String url = "spark://127.0.0.1:" + port;
        e = assertThrows(IllegalArgumentException.class, () -> service.open(url, "test"));
        assertTrue(e.getMessage().startsWith("no Spark master answers at 127.0.0.1:" + port + " ("), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> service.open(null, "test"));
        assertTrue(e.getMessage().startsWith("no Spark master to train on"), e.getMessage());
    }
}
