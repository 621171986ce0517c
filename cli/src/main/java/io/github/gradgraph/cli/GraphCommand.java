package io.github.gradgraph.cli;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.expr.FormulaParser;
import io.github.gradgraph.graph.print.Dot;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.io.AtomicFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradgraph graph}: draws the forward and gradient graph as DOT, or as SVG or PNG through Graphviz. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draw the forward graph and its gradient graph (gradient nodes filled) as DOT, SVG or PNG.")
public final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    DeriveCommand.Source source;

    @Option(names = "--shape", paramLabel = "NAME=RxC", description = "An input's shape (repeatable). Default: 1xm.")
    List<String> shapes = new ArrayList<>();

    @Option(names = "--format", defaultValue = "dot", description = "dot, svg or png. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--forward-only", description = "Draw only the forward graph.")
    boolean forwardOnly;

    @Option(names = "--out", required = true, description = "The file to write.")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("dot", "svg", "png").contains(fmt)) {
            throw new IllegalArgumentException("--format must be dot, svg or png, got '" + format + "'");
        }
        OutputPaths.requireWritableFile("--out", out);
        Node j;
        List<Node> vars = new ArrayList<>();
        if (source.expr != null) {
            Formula f = FormulaParser.parse(source.expr, Shapes.parse(shapes), Shape.of(1, Dim.M));
            j = f.result();
            f.names().values().stream().filter(n -> n.inputs().isEmpty()).forEach(vars::add);
        } else {
            if (source.model.layers == null) {
                throw new IllegalArgumentException("--layers is required to draw a network");
            }
            Network net = source.model.network();
            j = net.loss();
            vars.addAll(net.parameters());
        }
        Set<Node> forward = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> outputs = new ArrayList<>(List.of(j));
        forward.addAll(io.github.gradgraph.graph.exec.Compiler.compileAsWritten(j).steps());
        if (!forwardOnly && j.shape().isScalar()) {
            outputs.addAll(Autodiff.gradients(j, vars));
        }
        String dot = Dot.render(outputs, forward);
        // Drawn whole in memory, then written through a temporary file renamed into place: a full disk or a failing
        // Graphviz leaves an earlier drawing at --out as it was, never a truncated one.
        AtomicFile.write(out, fmt.equals("dot") ? dot.getBytes(StandardCharsets.UTF_8) : render(dot, fmt));
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }

    /** @return the picture Graphviz drew from {@code dot}, read from its standard output */
    private byte[] render(String dot, String fmt) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("dot", "-T" + fmt).start();
        } catch (IOException e) {
            throw new IllegalArgumentException("Graphviz 'dot' was not found, so no " + fmt + " can be drawn; install "
                    + "it (Debian or Ubuntu: apt-get install graphviz; macOS: brew install graphviz) or use --format dot");
        }
        // its messages are read beside its picture, so that neither pipe fills while the other is waited on
        CompletableFuture<String> messages = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.getMessage();
            }
        });
        String unread = "";
        try (OutputStream in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) { // it stopped reading the graph: a failure, which its exit code and messages tell
            unread = " (it stopped reading the graph: " + e.getMessage() + ")";
        }
        byte[] picture = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0 || !unread.isEmpty()) {
            throw new IOException("--out " + out + ": not written, as Graphviz 'dot' failed: "
                    + messages.join().strip().replace('\n', ' ') + unread);
        }
        return picture;
    }
}
