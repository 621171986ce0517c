package io.github.gradgraph.cli;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.nn.Sampler;
import io.github.gradgraph.nn.data.Vocabulary;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gradgraph sample MODEL}: lines drawn from a language model that {@code gradgraph lm} trained. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Print lines drawn from a language model trained by gradgraph lm, one per line: each character "
                + "drawn from the model's distribution given those before it, until it draws the line end.")
public final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model.safetensors that gradgraph lm wrote.")
    Path model;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "Lines to draw. Default: "
            + "${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the draws. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1", description = "Sharpen (below 1) or "
            + "flatten (above 1) the model's distribution: p ∝ ŷ^(1/T). Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = "", description = "Start every line with this "
            + "text; the model continues it.")
    String prefix;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "50", description = "The most characters drawn "
            + "per line (after the prefix). Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--dtype", paramLabel = "f32|f64", description = "What the model computes in. Default: the "
            + "model's.")
    String dtype;

    @Override
    public Integer call() {
        if (count < 0) {
            throw new IllegalArgumentException("--count must be 0 or more, got " + count);
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("--max-length must be at least 1, got " + maxLength);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("--temperature must be a finite number > 0, got " + temperature);
        }
        Checkpoint c = Safetensors.load(model);
        Vocabulary vocab = LanguageModels.vocabulary(c, model.toString());
        int[] start = prefix.codePoints().map(cp -> {
            if (cp == '\n') {
                throw new IllegalArgumentException("--prefix: a line's prefix cannot hold a line end");
            }
            try {
                return vocab.id(cp);
            } catch (io.github.gradgraph.nn.data.DataException e) {
                throw new IllegalArgumentException("--prefix '" + prefix + "': " + e.getMessage());
            }
        }).toArray();
        DType compute = DTypeOption.parse("--dtype", dtype, c.dtype());
        Sampler sampler = new Sampler(c.spec(), c.params(), compute);
        Random random = new Random(seed);
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < count; i++) {
            out.println(vocab.decode(sampler.draw(random, temperature, start, vocab.newline(), maxLength)));
        }
        out.flush();
        return 0;
    }
}
