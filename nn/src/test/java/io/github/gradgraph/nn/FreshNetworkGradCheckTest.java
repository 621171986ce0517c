package io.github.gradgraph.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.graph.GraphValidator;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.check.GradCheckReport;
import io.github.gradgraph.graph.check.GradientChecker;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The gradient check of a freshly initialized network passes for every built-in loss and every activation. */
class FreshNetworkGradCheckTest {
    @TestFactory
    Stream<DynamicTest> everyLossAndActivation() {
        Stream.Builder<DynamicTest> tests = Stream.builder();
        for (Activation hidden : Activation.values()) {
            tests.add(case_(hidden, Activation.SIGMOID, LossKind.BCE, 2));
            tests.add(case_(hidden, Activation.SOFTMAX, LossKind.SOFTMAX_CROSS_ENTROPY, 3));
            tests.add(case_(hidden, Activation.IDENTITY, LossKind.MSE, 2));
            tests.add(case_(hidden, Activation.TANH, LossKind.MSE, 2));
        }
        return tests.build();
    }

    private static DynamicTest case_(Activation hidden, Activation output, LossKind loss, int classes) {
        return DynamicTest.dynamicTest(hidden + " hidden, " + output + " output, " + loss, () -> {
            int outputs = output == Activation.SOFTMAX ? classes : 1;
            Network net = new Network(new NetworkSpec(new int[] {2, 6, 5, outputs}, hidden, output, loss, 0.1));
            ParameterStore store = Initializer.forActivation(hidden).initialize(net, new ParameterStore(), 11);
            Dataset data = classes == 3 ? Datasets.spirals(3, 10, 2) : Datasets.moons(30, 0.2, 2);
            GradCheckReport report = GradientChecker.defaults().check(net.loss(), net.parameters(),
                    Map.of("X", data.x(), "Y", data.targets(outputs)), store);
            GraphValidator.validate(net.graph());
            assertTrue(report.passed(), report::table);
        });
    }
}
