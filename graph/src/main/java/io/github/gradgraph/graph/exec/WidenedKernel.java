package io.github.gradgraph.graph.exec;

import io.github.gradgraph.core.Precision;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;

/**
 * A float32 step for a kernel that has only a float64 form (a user's primitive without {@link
 * io.github.gradgraph.graph.Float32Primitive}): widens the operands exactly into float64 scratch, runs the float64
 * kernel, rounds the result once. The scratch only grows (EJML's {@code reshape}), so after the first run at the
 * largest batch size it allocates nothing. One instance per step of one program (a program is not thread-safe).
 */
final class WidenedKernel implements Kernel32 {
    private final Kernel kernel;
    private DMatrixRMaj[] in = new DMatrixRMaj[0];
    private final DMatrixRMaj out = new DMatrixRMaj(1, 1);

    WidenedKernel(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void run(FMatrixRMaj[] args, FMatrixRMaj result) {
        if (in.length != args.length) {
            in = new DMatrixRMaj[args.length];
            for (int k = 0; k < args.length; k++) {
                in[k] = new DMatrixRMaj(1, 1);
            }
        }
        for (int k = 0; k < args.length; k++) {
            in[k].reshape(args[k].numRows, args[k].numCols);
            Precision.widen(args[k], in[k]);
        }
        out.reshape(result.numRows, result.numCols);
        kernel.run(in, out);
        Precision.narrow(out, result);
    }
}
