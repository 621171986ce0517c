package io.github.gradgraph.nn;

import static io.github.gradgraph.graph.ops.Ops.add;
import static io.github.gradgraph.graph.ops.Ops.log;
import static io.github.gradgraph.graph.ops.Ops.mul;
import static io.github.gradgraph.graph.ops.Ops.neg;
import static io.github.gradgraph.graph.ops.Ops.oneMinus;
import static io.github.gradgraph.graph.ops.Ops.pow;
import static io.github.gradgraph.graph.ops.Ops.shift;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.data.Standardizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user's own loss — the README's focal loss — trained through nn with no hand-derived gradient. */
class CustomLossTest {
    /** Focal loss, γ = 2: −mean((1 − p_t)² · log p_t), p_t the probability given to the true class. */
    static Node focal(Node logits, Node a, Node y) {
        Node pt = add(mul(y, a), mul(oneMinus(y), oneMinus(a)));
        return neg(Functions.mean(mul(pow(oneMinus(pt), 2), log(shift(pt, 1e-12)))));
    }

    @Test
    void focalLoss_passesTheGradientCheck_andTrainsTheFlower() {
        Dataset.Split split = Datasets.flower(1).split(0.2, 1);
        Standardizer st = Standardizer.fit(split.train().x());
        Dataset train = split.train().withFeatures(st.apply(split.train().x()));
        Network net = new Network(NetworkSpec.defaults(), CustomLossTest::focal);
        ParameterStore params = Initializer.XAVIER.initialize(net, new ParameterStore(), 1);
        GradCheckReport check = GradientChecker.defaults().check(net.loss(), net.parameters(),
                Map.of("X", train.x(), "Y", train.targets(1)), params);
        assertTrue(check.passed(), check::table);
        new Trainer(net, Optimizers.create("adam", 0.01)).fit(params, train, 1000, 64, 1, null);
        double acc = Metrics.accuracy(new Predictor(net).predict(params, train.x()), train.labels());
        System.out.printf("flower with a focal loss: train accuracy %.3f%n", acc);
        assertTrue(acc >= 0.88, "focal-loss training accuracy " + acc);
    }

    @Test
    void aLossThatIsNotScalar_isRejected() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> new Network(NetworkSpec.defaults(), (z, a, y) -> a)).getMessage();
        assertEquals("the loss must be a 1×1 node, got A3 (1×m); reduce it with mean or sum", msg);
    }
}
