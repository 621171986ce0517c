package io.github.gradgraph.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.ops.Functions;
import io.github.gradgraph.graph.ops.Losses;
import io.github.gradgraph.graph.ops.Ops;
import io.github.gradgraph.graph.print.Dot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** What users read: composite names, gradient names, the transposed-feed hint, and no command-line wording. */
class MessagesTest {
    private final Graph g = new Graph();
    private final Node x = g.input("X", 2, Dim.M);
    private final Node y = g.input("Y", 1, Dim.M);
    private final Node w = g.parameter("W1", 1, 2);

    @Test
    void composites_printUnderTheirOwnNames() {
        Node a = Ops.sigmoid(Ops.matmul(w, x));
        assertTrue(Functions.mean(a).label().startsWith("mean#"));
        assertTrue(Ops.oneMinus(a).label().startsWith("oneMinus#"));
        assertTrue(Losses.mse(a, y).label().startsWith("mse#"));
        assertTrue(Losses.binaryCrossEntropy(a, y).label().startsWith("binaryCrossEntropy#"));
        assertTrue(Functions.softmax(Ops.matmul(g.parameter("W2", 3, 2), x)).label().startsWith("softmax#"));
        assertEquals("named", Functions.mean(a).named("named").label(), "a user's name wins");
        String dot = Dot.render(List.of(Losses.mse(a, y)), java.util.Set.of());
        assertTrue(dot.contains("mse ("), dot);
    }

    @Test
    void gradientsOfParametersAndInputs_areNamedAfterThem() {
        Node j = Functions.mean(Ops.tanh(Ops.matmul(w, x)));
        List<Node> grads = Autodiff.gradients(j, w, x);
        assertEquals("dW1", grads.get(0).label());
        assertEquals("dX", grads.get(1).label());
    }

    @Test
    void aFeedWithSamplesAsRows_getsATransposeHint() {
        Node j = Functions.mean(Ops.matmul(w, x));
        FeedException e = assertThrows(FeedException.class, () -> Compiler.compile(j).run(Map.of("X",
                new DMatrixRMaj(5, 2)), store()));
        assertTrue(e.getMessage().contains("feed 'X' is 5×2 but input X (2×m) expects 2×m: samples are columns here"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("transpose it"), e.getMessage());
        FeedException plain = assertThrows(FeedException.class, () -> Compiler.compile(j).run(Map.of("X",
                new DMatrixRMaj(3, 4)), store()));
        assertTrue(!plain.getMessage().contains("transpose"), plain.getMessage());
    }

    @Test
    void derivationSymbols_areNotListedAmongTheInputsUsersFeed() {
        g.symbol("dZ2·sym", io.github.gradgraph.core.Shape.of(1, Dim.M));
        Node j = Functions.mean(Ops.matmul(w, x));
        FeedException e = assertThrows(FeedException.class, () -> Compiler.compile(j).run(Map.of("Q",
                new DMatrixRMaj(2, 3), "X", new DMatrixRMaj(2, 3)), store()));
        assertTrue(e.getMessage().contains("the graph's inputs are [X, Y]"), e.getMessage());
    }

    @Test
    void theLibrarysMessages_carryNoCommandLineOptions() throws IOException {
        Pattern option = Pattern.compile("\"[^\"]*\\s--[a-z]{2,}[^\"]*\"");
        int files = 0;
        for (String module : List.of("core", "graph", "nn")) {
            try (Stream<Path> sources = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                for (Path p : (Iterable<Path>) sources.filter(f -> f.toString().endsWith(".java"))::iterator) {
                    files++;
                    for (String line : Files.readAllLines(p)) {
                        assertTrue(!option.matcher(line).find(), p + " speaks of a command-line option: " + line);
                    }
                }
            }
        }
        assertTrue(files > 100, "scanned " + files + " files");
    }

    private ParameterStore store() {
        ParameterStore s = new ParameterStore();
        s.set(w, new DMatrixRMaj(1, 2));
        return s;
    }
}
