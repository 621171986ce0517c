package io.github.gradgraph.graph;

import io.github.gradgraph.core.Shape;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;

/** Ad-hoc elementwise primitives for tests of the engine's handling of rules (wrong rules, missing rules). */
public final class TestPrimitives {
    private TestPrimitives() {
    }

    /**
     * @param name the op name
     * @param f    the elementwise function
     * @param vjp  (out, grad) → the operand's gradient node; may throw
     * @return a primitive of one operand
     */
    public static Primitive elementwise(String name, DoubleUnaryOperator f, BinaryOperator<Node> vjp) {
        return new Primitive() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int arity() {
                return 1;
            }

            @Override
            public Shape inferShape(List<Node> inputs) {
                return inputs.get(0).shape();
            }

            @Override
            public void forward(DMatrixRMaj[] in, DMatrixRMaj out) {
                for (int i = 0; i < out.getNumElements(); i++) {
                    out.data[i] = f.applyAsDouble(in[0].data[i]);
                }
            }

            @Override
            public Node[] vjp(Node out, Node grad) {
                return new Node[] {vjp.apply(out, grad)};
            }
        };
    }
}
