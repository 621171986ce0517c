package io.github.gradgraph.client;

import static io.github.gradgraph.graph.ops.Ops.add;
import static io.github.gradgraph.graph.ops.Ops.log;
import static io.github.gradgraph.graph.ops.Ops.matmul;
import static io.github.gradgraph.graph.ops.Ops.mul;
import static io.github.gradgraph.graph.ops.Ops.neg;
import static io.github.gradgraph.graph.ops.Ops.oneMinus;
import static io.github.gradgraph.graph.ops.Ops.relu;
import static io.github.gradgraph.graph.ops.Ops.sigmoid;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.Graph;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.autodiff.ValueAndGrad;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.optim.Optimizer;
import io.github.gradgraph.nn.optim.Optimizers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "Use as a library" loop, verbatim between the markers: it must compile and train. */
class ReadmeLibraryLoopTest {
    @Test
    void theReadmeLoop_trains() {
        // README begin
        Dataset data = Datasets.moons(200, 0.1, 3);                      // 2 features, 200 samples, labels 0/1
        Graph g = new Graph();
        Node X = g.input("X", 2, Dim.M), Y = g.input("Y", 1, Dim.M);     // m samples, one per column
        Node W1 = g.parameter("W1", 8, 2), b1 = g.parameter("b1", 8, 1);
        Node W2 = g.parameter("W2", 1, 8), b2 = g.parameter("b2", 1, 1);
        Node A2 = sigmoid(add(matmul(W2, relu(add(matmul(W1, X), b1))), b2));
        Node J = neg(Functions.mean(add(mul(Y, log(A2)), mul(oneMinus(Y), log(oneMinus(A2))))));

        ParameterStore params = Initializer.zeros(Initializer.HE.initialize(new ParameterStore(), 1, W1, W2), b1, b2);
        ValueAndGrad vg = ValueAndGrad.of(J, W1, b1, W2, b2);            // derived, stabilized, compiled: once
        Optimizer adam = Optimizers.create("adam", 0.05);
        var feeds = Map.of("X", data.x(), "Y", data.targets(1));                 // X: 2×m, Y: 1×m
        for (int step = 0; step < 300; step++) {
            adam.update(params, vg.run(feeds, params));                  // J and dW1, db1, … then W := W − …
        }
        System.out.println("J = " + vg.run(feeds, params).value());
        // README end
        assertTrue(vg.run(feeds, params).value() < 0.2, "J " + vg.run(feeds, params).value());
    }

    @Test
    void theReadmeShowsThisCode_verbatim() throws java.io.IOException {
        java.nio.file.Path self = java.nio.file.Path.of("src/test/java/io/github/gradgraph/client/"
                + "ReadmeLibraryLoopTest.java");
        java.util.List<String> lines = java.nio.file.Files.readAllLines(self);
        int begin = lines.indexOf("        // README begin");
        int end = lines.indexOf("        // README end");
        StringBuilder code = new StringBuilder();
        for (String line : lines.subList(begin + 1, end)) {
            code.append(line).append('\n'); // the README shows it in a main method, indented as here
        }
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        assertTrue(readme.contains(code), "README.md must show, verbatim:\n" + code);
    }
}
