package io.github.gradgraph.graph.check;

import io.github.gradgraph.graph.Node;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Compiler;
import io.github.gradgraph.graph.exec.Program;
import io.github.gradgraph.graph.exec.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * Evaluates J at a point together with a fingerprint of the smooth piece every piecewise node of J is on, so that
 * two nearby points with different fingerprints have a kink between them.
 */
final class Probe {
    /** J and the branch fingerprint at one point. */
    record Point(double value, long branch) {
    }

    private final Node j;
    private final List<Node> piecewise = new ArrayList<>();
    private final Program program;

    Probe(Node j) {
        this.j = j;
        List<Node> outputs = new ArrayList<>();
        outputs.add(j);
        for (Node node : Compiler.compileAsWritten(j).steps()) {
            if (node.op().piecewise()) {
                piecewise.add(node);
                for (Node in : node.inputs()) {
                    if (!outputs.contains(in)) {
                        outputs.add(in);
                    }
                }
            }
        }
        program = Compiler.compileAsWritten(outputs);
    }

    Point evaluate(Map<String, DMatrixRMaj> feeds, ParameterStore params) {
        Values v = program.run(feeds, params);
        long h = 17;
        for (Node node : piecewise) {
            DMatrixRMaj[] in = new DMatrixRMaj[node.inputs().size()];
            for (int k = 0; k < in.length; k++) {
                in[k] = v.get(node.input(k));
            }
            h = 31 * h + node.op().branch(in);
        }
        return new Point(v.scalar(j), h);
    }
}
