package io.github.gradgraph.cli;

import io.github.gradgraph.core.DType;
import io.github.gradgraph.graph.Node;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import io.github.gradgraph.nn.io.TrainingState;
import io.github.gradgraph.nn.optim.Optimizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The settings {@code lm} runs with: its options, or — when resuming — the checkpoint's where an option is left out.
 * An option that would make a resumed run another run (the layers, the optimizer, the seed) must agree with it.
 */
final class LmSettings {
    Checkpoint resumed;
    Path data;
    int batchSize;
    boolean noShuffle;
    boolean stateful;
    boolean lossSum;
    String optimizer;
    double lr;
    double clipValue;
    double clipNorm;
    long seed;
    DType dtype;
    DType saveDtype;

    private LmSettings() {
    }

    static LmSettings of(LmCommand c) {
        LmSettings s = new LmSettings();
        Map<String, String> saved = Map.of();
        TrainingState t = null;
        if (c.resume != null) {
            if (c.initFrom != null || c.init != null) {
                throw new IllegalArgumentException((c.initFrom != null ? "--init-from" : "--init") + " and --resume "
                        + "both say how the parameters start; give one");
            }
            s.resumed = Safetensors.load(c.resume);
            t = Resume.state(s.resumed, c.resume.toString());
            LanguageModels.vocabulary(s.resumed, c.resume.toString());
            saved = t.settings();
            String hidden = LanguageModels.hiddenLayers(s.resumed.spec());
            if (c.layers != null && !LanguageModels.spec(c.layers, s.resumed.spec().outputs()).equals(
                    s.resumed.spec())) {
                throw Resume.conflict("--layers " + c.layers, "layers " + hidden);
            }
            Resume.same("--optimizer", c.optimizer, t.optimizer().optimizer(), c.optimizer == null ? null
                    : Optimizers.create(c.optimizer, 1).name());
            if (c.seed != null && c.seed != t.seed()) {
                throw Resume.conflict("--seed " + c.seed, "seed " + t.seed());
            }
        } else if (c.layers == null) {
            throw new IllegalArgumentException("--layers is required: the hidden layers, such as rnn50 or "
                    + "'lstm128, lstm128'");
        }
        String data = c.data != null ? c.data.toString() : saved.get("data");
        if (data == null) {
            throw new IllegalArgumentException("--data is required: a UTF-8 text file, one example per line");
        }
        s.data = Path.of(data);
        s.batchSize = c.batchSize != null ? c.batchSize : t != null ? t.batchSize() : 32;
        if (s.batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + s.batchSize);
        }
        s.noShuffle = c.noShuffle || "false".equals(saved.get("shuffle"));
        s.stateful = c.stateful || LanguageModels.flag(saved, "stateful");
        s.lossSum = c.lossSum || LanguageModels.flag(saved, "loss_sum");
        s.optimizer = c.optimizer != null ? c.optimizer : t != null ? t.optimizer().optimizer() : "adam";
        s.lr = c.lr != null ? c.lr : t != null ? t.lr() : 0.01;
        if (!(s.lr > 0) || Double.isInfinite(s.lr)) {
            throw new IllegalArgumentException("--lr must be a finite number > 0, got " + s.lr);
        }
        s.clipValue = positive("--clip-value", c.clipValue, saved.get("clip_value"));
        s.clipNorm = positive("--clip-norm", c.clipNorm, saved.get("clip_norm"));
        s.seed = c.seed != null ? c.seed : t != null ? t.seed() : 1;
        s.dtype = DTypeOption.parse("--dtype", c.dtype, s.resumed != null ? s.resumed.dtype() : DType.F64);
        s.saveDtype = DTypeOption.parse("--save-dtype", c.saveDtype, DType.F64);
        if (c.steps != null && c.epochs != null) {
            throw new IllegalArgumentException("--steps and --epochs both say how long to train; give one");
        }
        if (c.steps != null && c.steps < 1 || c.epochs != null && c.epochs < 1) {
            throw new IllegalArgumentException((c.steps != null ? "--steps " + c.steps : "--epochs " + c.epochs)
                    + ": must be at least 1");
        }
        if (c.sampleEvery < 0 || c.samples < 0 || c.saveEvery < 0) {
            throw new IllegalArgumentException((c.sampleEvery < 0 ? "--sample-every" : c.samples < 0 ? "--samples"
                    : "--save-every") + " must be 0 or more");
        }
        return s;
    }

    private static double positive(String option, Double given, String saved) {
        double v = given != null ? given : saved != null ? Double.parseDouble(saved) : 0;
        if (!(v >= 0) || Double.isInfinite(v) || given != null && v == 0) {
            throw new IllegalArgumentException(option + " must be a finite number > 0, got " + v);
        }
        return v;
    }

    /** @return the settings a checkpoint keeps to resume as this run */
    Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", data.toString());
        m.put("shuffle", Boolean.toString(!noShuffle));
        m.put("stateful", Boolean.toString(stateful));
        m.put("loss_sum", Boolean.toString(lossSum));
        m.put("clip_value", Double.toString(clipValue));
        m.put("clip_norm", Double.toString(clipNorm));
        return m;
    }

    /** @return the carried state as settings text: {@code state.K = rows,cols;v,v,…} in full precision */
    static Map<String, String> carriedText(List<DMatrixRMaj> state) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k < state.size(); k++) {
            DMatrixRMaj v = state.get(k);
            StringBuilder b = new StringBuilder().append(v.numRows).append(',').append(v.numCols).append(';');
            for (int i = 0; i < v.getNumElements(); i++) {
                b.append(i == 0 ? "" : ",").append(v.data[i]);
            }
            m.put("state." + k, b.toString());
        }
        return m;
    }

    /** @return the state a stateful run carried at its checkpoint (empty when it carried none) */
    static List<DMatrixRMaj> carried(Map<String, String> settings, Network net) {
        List<DMatrixRMaj> out = new ArrayList<>();
        List<Node> inputs = net.stateInputs();
        for (int k = 0; settings.containsKey("state." + k); k++) {
            String text = settings.get("state." + k);
            try {
                String[] parts = text.split(";", 2);
                String[] shape = parts[0].split(",");
                DMatrixRMaj v = new DMatrixRMaj(Integer.parseInt(shape[0]), Integer.parseInt(shape[1]));
                String[] values = parts[1].split(",");
                for (int i = 0; i < v.getNumElements(); i++) {
                    v.data[i] = Double.parseDouble(values[i]);
                }
                out.add(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the checkpoint's carried state " + k + " is unreadable");
            }
        }
        return out.size() == inputs.size() ? out : List.of();
    }
}
