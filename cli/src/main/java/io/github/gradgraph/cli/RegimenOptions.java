package io.github.gradgraph.cli;

import io.github.gradgraph.nn.LearningRateSchedule;
import io.github.gradgraph.nn.TrainingPlan;
import io.github.gradgraph.nn.io.TrainingState;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of {@code train} around each step: the learning-rate schedule and warm-up, gradient clipping, early
 * stopping and the validation set it may monitor. They are saved with the checkpoint, so a resumed run continues
 * with them unless the command line gives others.
 */
final class RegimenOptions {
    @Option(names = "--lr-schedule", paramLabel = "step:K:G|exp:G|cosine[:MIN]",
            description = "The learning rate per epoch e (1-based): step: lr·G^⌊(e−1)/K⌋; exp: lr·G^(e−1); cosine: "
                    + "MIN + (lr − MIN)·(1 + cos(π(e−1)/E))/2 over the run's E epochs (MIN 0 unless given). "
                    + "Default: constant.")
    String schedule;

    @Option(names = "--warmup", paramLabel = "W", description = "Epochs 1…W use lr·e/W; the schedule then runs over "
            + "the remaining epochs. Default: 0.")
    Integer warmup;

    @Option(names = "--clip-norm", paramLabel = "C", description = "Clip the gradients' global L2 norm (all "
            + "parameters, after the L2 term) at C, as PyTorch's clip_grad_norm_. Default: no clipping.")
    Double clipNorm;

    @Option(names = "--clip-value", paramLabel = "C", description = "Clip every gradient element into [−C, C] "
            + "before each update (PyTorch's clip_grad_value_, the course's np.clip), before --clip-norm. Default: no "
            + "clipping.")
    Double clipValue;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE", description = "Stop when the held-out loss "
            + "(validation, else test) has not improved for PATIENCE epochs, and keep the best epoch's parameters.")
    Integer patience;

    @Option(names = "--validation-fraction", paramLabel = "F", description = "Hold out this part of the training "
            + "samples (not of the test set) as a validation set, evaluated every epoch and monitored by "
            + "--early-stopping.")
    Double validationFraction;

    /** The epochs the schedule of a resumed run was planned over, or 0. */
    private int plannedEpochs;

    /** Takes what the command line leaves out from a resumed run's settings. */
    void fill(TrainingState resumed) {
        if (resumed == null) {
            return;
        }
        Map<String, String> s = resumed.settings();
        plannedEpochs = s.containsKey("schedule_epochs") ? Integer.parseInt(s.get("schedule_epochs")) : 0;
        schedule = schedule != null ? schedule : s.get("lr_schedule");
        warmup = warmup != null ? warmup : s.containsKey("warmup") ? Integer.valueOf(s.get("warmup")) : null;
        clipNorm = clipNorm != null ? clipNorm : s.containsKey("clip_norm") ? Double.valueOf(s.get("clip_norm")) : null;
        clipValue = clipValue != null ? clipValue : s.containsKey("clip_value") ? Double.valueOf(s.get("clip_value"))
                : null;
        patience = patience != null ? patience : s.containsKey("early_stopping")
                ? Integer.valueOf(s.get("early_stopping")) : null;
        validationFraction = validationFraction != null ? validationFraction
                : s.containsKey("validation_fraction") ? Double.valueOf(s.get("validation_fraction")) : null;
    }

    /** @throws IllegalArgumentException naming the option whose value is out of range */
    void check(double lr) {
        if (warmup != null && warmup < 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more epochs, got " + warmup);
        }
        if (clipNorm != null && !(clipNorm > 0 && Double.isFinite(clipNorm))) {
            throw new IllegalArgumentException("--clip-norm must be a finite number > 0, got " + clipNorm);
        }
        if (clipValue != null && !(clipValue > 0 && Double.isFinite(clipValue))) {
            throw new IllegalArgumentException("--clip-value must be a finite number > 0, got " + clipValue);
        }
        if (patience != null && patience < 1) {
            throw new IllegalArgumentException("--early-stopping must be at least 1 epoch, got " + patience);
        }
        LearningRateSchedule s = schedule();
        if (s.kind() == LearningRateSchedule.Kind.COSINE && s.min() >= lr) {
            throw new IllegalArgumentException("--lr-schedule " + schedule + ": MIN must be below the learning rate "
                    + lr);
        }
    }

    /** @return the schedule the options give, with its warm-up */
    LearningRateSchedule schedule() {
        LearningRateSchedule s;
        try {
            s = schedule == null ? LearningRateSchedule.CONSTANT : LearningRateSchedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lr-schedule " + schedule + ": " + e.getMessage()
                    .replaceFirst("^learning-rate schedule '[^']*': ", ""));
        }
        return warmup == null || warmup == 0 ? s : s.withWarmup(warmup);
    }

    /**
     * @return {@code plan} with the schedule, clipping and early stopping
     * @throws IllegalArgumentException when early stopping has nothing to monitor, or the warm-up is not shorter
     *     than the run
     */
    TrainingPlan apply(TrainingPlan plan, boolean hasTest) {
        if (patience != null && validationFraction == null && !hasTest) {
            throw new IllegalArgumentException("--early-stopping needs held-out data to monitor: a test set "
                    + "(--test-fraction above 0, or --test-data) or --validation-fraction F");
        }
        LearningRateSchedule s = schedule();
        TrainingPlan planned = plan.withScheduleEpochs(plannedEpochs);
        if (s.warmup() > 0 && s.warmup() >= planned.totalEpochs()) {
            throw new IllegalArgumentException("--warmup " + s.warmup() + " must be shorter than the run's "
                    + planned.totalEpochs() + " epochs");
        }
        return planned.withSchedule(s).withClipNorm(clipNorm == null ? 0 : clipNorm)
                .withEarlyStopping(patience == null ? 0 : patience);
    }

    /**
     * Records the options in a checkpoint's settings, with the epochs the schedule runs over, so that a run
     * interrupted and resumed for its remaining epochs follows the schedule it started with.
     */
    void save(Map<String, String> settings, TrainingPlan plan) {
        settings.put("schedule_epochs", Integer.toString(plan.totalEpochs()));
        put(settings, "lr_schedule", schedule == null ? null : schedule().spec());
        put(settings, "warmup", warmup == null ? null : warmup.toString());
        put(settings, "clip_norm", clipNorm == null ? null : clipNorm.toString());
        put(settings, "clip_value", clipValue == null ? null : clipValue.toString());
        put(settings, "early_stopping", patience == null ? null : patience.toString());
        put(settings, "validation_fraction", validationFraction == null ? null : validationFraction.toString());
    }

    private static void put(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    /** @return a short description for the run's first line, empty when every option is at its default */
    String describe() {
        StringBuilder sb = new StringBuilder();
        if (schedule != null || (warmup != null && warmup > 0)) {
            sb.append(", schedule ").append(schedule());
        }
        if (clipValue != null) {
            sb.append(", clip value ").append(clipValue);
        }
        if (clipNorm != null) {
            sb.append(", clip norm ").append(clipNorm);
        }
        if (patience != null) {
            sb.append(", early stopping after ").append(patience).append(" epochs without improvement");
        }
        return sb.toString();
    }
}
