package io.github.gradgraph.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.core.Shape;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.autodiff.Autodiff;
import io.github.gradgraph.graph.autodiff.Higher;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Values;
import io.github.gradgraph.graph.expr.Formula;
import io.github.gradgraph.graph.expr.FormulaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradgraph eval}: a formula's value, gradients and (order 2) Hessian-vector product, JSON in and out.
 *
 * <p>Input: {@code {"expr": "…", "inputs": {"X": [[…]]}, "wrt": ["W"], "order": 1|2, "direction": {"W": [[…]]}}}.
 * Output: {@code {"value": [[…]], "gradients": {"W": [[…]]}, "hvp": {"W": [[…]]}}}, numbers written so they read
 * back to the same bits. Any error: {@code {"error": "…"}} and exit code 2.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a formula, its gradients and (order 2) a Hessian-vector product; JSON in, JSON out.")
public final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--json", required = true, paramLabel = "FILE", description = "The request file, or - for stdin.")
    String file;

    InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.println(JSON.writeValueAsString(evaluate(read())));
            out.flush();
            return 0;
        } catch (RuntimeException | IOException e) {
            if (!Main.isBadInput(e)) {
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e); // a bug: exit 3
            }
            ObjectNode err = JSON.createObjectNode();
            err.put("error", e.getMessage() == null ? e.toString() : e.getMessage());
            out.println(err);
            out.flush();
            return Main.BAD_INPUT;
        }
    }

    private JsonNode read() throws IOException {
        try {
            return file.equals("-") ? JSON.readTree(stdin) : JSON.readTree(Files.readString(Path.of(file)));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the request is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static ObjectNode evaluate(JsonNode req) {
        EvalRequestCheck.check(req);
        String expr = req.get("expr").asText();
        Map<String, DMatrixRMaj> feeds = new LinkedHashMap<>();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = req.path("inputs").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            DMatrixRMaj m = matrix("inputs." + e.getKey(), e.getValue());
            feeds.put(e.getKey(), m);
            shapes.put(e.getKey(), Shape.of(m.numRows, m.numCols));
        }
        Formula f = FormulaParser.parse(expr, shapes, Shape.SCALAR);
        for (Map.Entry<String, Node> e : f.names().entrySet()) {
            if (e.getValue().inputs().isEmpty() && !feeds.containsKey(e.getKey())) {
                throw new IllegalArgumentException("input '" + e.getKey() + "' has no value in \"inputs\"");
            }
        }
        List<Node> wrt = new ArrayList<>();
        for (JsonNode w : req.path("wrt")) {
            Node n = f.node(w.asText());
            if (!n.inputs().isEmpty()) {
                throw new IllegalArgumentException("wrt '" + w.asText() + "' is computed; differentiate by inputs");
            }
            wrt.add(n);
        }
        int order = req.path("order").asInt(1);
        Node j = f.result();
        List<Node> outputs = new ArrayList<>();
        outputs.add(j);
        List<Node> grads = wrt.isEmpty() ? List.of() : Autodiff.gradients(j, wrt);
        outputs.addAll(grads);
        List<Node> hvp = List.of();
        if (order == 2) {
            List<Node> dirs = new ArrayList<>();
            for (Node w : wrt) {
                JsonNode d = req.path("direction").path(w.label());
                if (d.isMissingNode()) {
                    throw new IllegalArgumentException("order 2 needs \"direction\" for '" + w.label() + "'");
                }
                DMatrixRMaj v = matrix("direction." + w.label(), d);
                if (v.numRows != w.shape().rows().size() || v.numCols != w.shape().cols().size()) {
                    throw new IllegalArgumentException("direction." + w.label() + " is " + v.numRows + "×"
                            + v.numCols + " but " + w.label() + " is " + w.shape());
                }
                dirs.add(f.graph().constant(v));
            }
            hvp = wrt.isEmpty() ? List.of() : Higher.hvp(j, wrt, dirs);
            outputs.addAll(hvp);
        }
        Values v = Compiler.compile(outputs).run(feeds);
        ObjectNode res = JSON.createObjectNode();
        res.set("value", rows(v.get(j)));
        ObjectNode g = res.putObject("gradients");
        for (int i = 0; i < wrt.size(); i++) {
            g.set(wrt.get(i).label(), rows(v.get(grads.get(i))));
        }
        if (order == 2) {
            ObjectNode h = res.putObject("hvp");
            for (int i = 0; i < wrt.size(); i++) {
                h.set(wrt.get(i).label(), rows(v.get(hvp.get(i))));
            }
        }
        return res;
    }

    private static DMatrixRMaj matrix(String what, JsonNode rows) {
        if (!rows.isArray() || rows.isEmpty() || !rows.get(0).isArray() || rows.get(0).isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty list of rows, e.g. [[1, 2], [3, 4]]");
        }
        int r = rows.size();
        int c = rows.get(0).size();
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < r; i++) {
            JsonNode row = rows.get(i);
            if (!row.isArray() || row.size() != c) {
                throw new IllegalArgumentException(what + ": row " + i + " has " + row.size() + " values, row 0 has "
                        + c);
            }
            for (int k = 0; k < c; k++) {
                if (!row.get(k).isNumber()) {
                    throw new IllegalArgumentException(what + ": row " + i + ", column " + k + " is not a number");
                }
                m.set(i, k, row.get(k).asDouble());
            }
        }
        return m;
    }

    private static ArrayNode rows(DMatrixRMaj m) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < m.numRows; i++) {
            ArrayNode row = out.addArray();
            for (int k = 0; k < m.numCols; k++) {
                row.add(m.get(i, k));
            }
        }
        return out;
    }
}
