package io.github.gradgraph.cli;

import io.github.gradgraph.core.Dim;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.expr.FormulaParser;
import io.github.gradgraph.graph.print.Dot;
import io.github.gradgraph.nn.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
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
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (fmt.equals("dot")) {
            Files.writeString(out, dot);
        } else {
            render(dot, fmt);
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }

    private void render(String dot, String fmt) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("dot", "-T" + fmt, "-o", out.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalArgumentException("Graphviz 'dot' was not found, so no " + fmt + " can be drawn; install "
                    + "it (Debian or Ubuntu: apt-get install graphviz; macOS: brew install graphviz) or use --format dot");
        }
        p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("Graphviz 'dot' failed: " + msg.strip());
        }
    }
}
