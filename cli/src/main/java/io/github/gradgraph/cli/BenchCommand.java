package io.github.gradgraph.cli;

import io.github.gradgraph.core.DType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gradgraph.core.MatMul;
import io.github.gradgraph.graph.ParameterStore;
import io.github.gradgraph.graph.exec.Checks;
import io.github.gradgraph.nn.Activation;
import io.github.gradgraph.nn.Initializer;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.NetworkSpec;
import io.github.gradgraph.nn.Sequence;
import io.github.gradgraph.nn.TrainingStep;
import io.github.gradgraph.nn.optim.GradientDescent;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import io.github.gradgraph.core.Precision;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.Matrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradgraph bench}: the median time of one training step (forward, backward, gradient-descent update) of a
 * relu network on random data, after warm-up, over at least {@code --seconds} of steps.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time one training step of a relu network (or a sequence model, with --seq-len) on random data: "
                + "median µs per step and GFLOP/s.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--layers", required = true, paramLabel = "LAYERS", description = LayerOptions.HELP
            + " Activations default to relu, and to the --output one for the last layer.")
    String layers;

    @Option(names = "--batch", defaultValue = "256", description = "Samples per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--output", defaultValue = "sigmoid", description = "sigmoid (with bce) or softmax (with "
            + "softmax cross-entropy). Default: ${DEFAULT-VALUE}.")
    String output;

    @Option(names = "--seconds", defaultValue = "2", description = "Seconds of measured steps, after as long a "
            + "warm-up. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--dtype", paramLabel = "f32|f64", description = "What the step computes in. Default: f64.")
    String dtype;

    @Option(names = "--seq-len", paramLabel = "T", description = "For recurrent layers (rnnN, lstmN, gruN): time "
            + "steps per sequence; the batch is token ids, one-hot at the input, a softmax at every step.")
    Integer seqLen;

    @Option(names = "--json", description = "End stdout with {\"us_per_step\": …, \"gflops\": …, \"steps\": …}.")
    boolean json;

    @Override
    public Integer call() {
        DType computeIn = DTypeOption.parse("--dtype", dtype,
                DType.F64);
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        if (!(seconds > 0) || seconds > 600) {
            throw new IllegalArgumentException("--seconds must be in (0, 600], got " + seconds);
        }
        boolean softmax = switch (output.toLowerCase(Locale.ROOT)) {
            case "sigmoid" -> false;
            case "softmax" -> true;
            default -> throw new IllegalArgumentException("--output must be sigmoid or softmax, got '" + output + "'");
        };
        NetworkSpec parsed = LayerOptions.spec(layers, "relu", softmax ? "softmax" : "sigmoid", null, 0, false, null);
        if (parsed.recurrent() != (seqLen != null)) {
            throw new IllegalArgumentException(parsed.recurrent() ? "--layers '" + layers + "' are recurrent: give "
                    + "--seq-len T, the time steps per sequence" : "--seq-len applies to recurrent layers (rnnN, "
                    + "lstmN, gruN)");
        }
        if (seqLen != null && seqLen < 1) {
            throw new IllegalArgumentException("--seq-len must be at least 1, got " + seqLen);
        }
        String site = io.github.gradgraph.graph.CallSite.capture(); // one stack walk for every node, as lm's
        long compileStart = System.nanoTime();
        Network net = io.github.gradgraph.graph.CallSite.within(site, () -> seqLen != null
                ? new Network(parsed, Sequence.tokens(seqLen)) : new Network(parsed));
        int[] dims = {net.spec().input().size(), net.spec().outputs()};
        ParameterStore store = Initializer.HE.initialize(net, new ParameterStore(), 1);
        Map<String, ? extends Matrix> feeds;
        if (seqLen != null) {
            feeds = SequenceBench.feeds(net, batch, new Random(2));
        } else {
            Map<String, DMatrixRMaj> wide = data(dims, softmax, new Random(2));
            // a float32 step gets its data in float32, as the Trainer gives it
            feeds = computeIn == DType.F32 ? Map.of("X", Precision.toFloat(wide.get("X")), "Y",
                    Precision.toFloat(wide.get("Y"))) : wide;
        }
        TrainingStep step = io.github.gradgraph.graph.CallSite.within(site,
                () -> new TrainingStep(net, new GradientDescent(1e-4), computeIn));
        double compileMs = (System.nanoTime() - compileStart) / 1e6; // graph, derivation, rewrites, buffer plan
        step.run(feeds, store); // validated in full once; the measured steps check shapes only, as the peers'
        long warmEnd = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            step.run(feeds, store, Checks.SHAPES);
        }
        long[] times = new long[1 << 16];
        int n = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while ((System.nanoTime() < end || n < 5) && n < times.length) {
            long t0 = System.nanoTime();
            step.run(feeds, store, Checks.SHAPES);
            times[n++] = System.nanoTime() - t0;
        }
        Arrays.sort(times, 0, n);
        double us = (n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2.0) / 1e3;
        double gflops = net.spec().stepFlops(batch) * (seqLen != null ? seqLen : 1) / (us * 1e3);
        PrintWriter out = spec.commandLine().getOut();
        out.println(BackendInfo.line());
        out.printf(Locale.ROOT, "%s, batch %d, %s output, %s: %.1f µs per step (median of %d), %.2f GFLOP/s%n",
                net.spec().isPerceptron() ? Arrays.toString(net.spec().sizes()) : net.spec().text()
                        + (seqLen != null ? ", T " + seqLen : ""), batch, output, computeIn.label(), us, n, gflops);
        out.printf(Locale.ROOT, "built, derived, rewritten and compiled in %.0f ms%n", compileMs);
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("us_per_step", us);
            o.put("gflops", gflops);
            o.put("steps", n);
            o.put("compile_ms", compileMs);
            o.put("dtype", computeIn.label());
            o.put("backend", MatMul.backend().name());
            out.println(o);
        }
        out.flush();
        return 0;
    }

    private Map<String, DMatrixRMaj> data(int[] dims, boolean softmax, Random r) {
        DMatrixRMaj x = new DMatrixRMaj(dims[0], batch);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = r.nextGaussian();
        }
        int out = dims[dims.length - 1];
        DMatrixRMaj y = new DMatrixRMaj(out, batch);
        for (int j = 0; j < batch; j++) {
            y.set(softmax ? r.nextInt(out) : 0, j, softmax || r.nextBoolean() ? 1.0 : 0.0);
        }
        return Map.of("X", x, "Y", y);
    }
}
