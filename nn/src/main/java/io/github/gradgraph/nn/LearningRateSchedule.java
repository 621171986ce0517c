package io.github.gradgraph.nn;

import java.util.Locale;
import java.util.Objects;

/**
 * The learning rate of each epoch, from the base rate α (the optimizer's), the epoch e (1-based, counted over the whole
 * run) and the run's number of epochs E:
 *
 * <ul>
 *   <li>{@code constant}: α;</li>
 *   <li>{@code step:K:G}: α·G^⌊(e−1)/K⌋ (PyTorch's {@code StepLR}, stepped per epoch);</li>
 *   <li>{@code exp:G}: α·G^(e−1) ({@code ExponentialLR});</li>
 *   <li>{@code cosine[:MIN]}: MIN + (α − MIN)·(1 + cos(π(e−1)/E))/2 ({@code CosineAnnealingLR} with T_max = E,
 *       MIN = 0 unless given).</li>
 * </ul>
 *
 * <p>With a warm-up of W epochs, epochs 1…W use α·e/W, and the schedule then runs over the remaining E − W epochs as
 * if they started at 1. A resumed run continues the schedule: e keeps counting from the epochs already done.
 *
 * @param kind       which formula
 * @param stepEpochs K of {@code step}, else 0
 * @param gamma      G of {@code step} and {@code exp}, else 1
 * @param min        MIN of {@code cosine}, else 0
 * @param warmup     W ≥ 0 epochs of linear warm-up
 */
public record LearningRateSchedule(Kind kind, int stepEpochs, double gamma, double min, int warmup) {
    /** The formulas. */
    public enum Kind { CONSTANT, STEP, EXP, COSINE }

    /** α in every epoch. */
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(Kind.CONSTANT, 0, 1, 0, 0);

    public LearningRateSchedule {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.STEP && stepEpochs < 1) {
            throw new IllegalArgumentException("a step schedule's K (epochs between steps) must be at least 1, got "
                    + stepEpochs);
        }
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("a schedule's factor G must be a finite number > 0, got " + gamma);
        }
        if (!(min >= 0) || Double.isInfinite(min)) {
            throw new IllegalArgumentException("a cosine schedule's MIN must be a finite number ≥ 0, got " + min);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("the warm-up must be 0 or more epochs, got " + warmup);
        }
    }

    /**
     * @param spec {@code constant}, {@code step:K:G}, {@code exp:G}, {@code cosine} or {@code cosine:MIN}
     * @return the schedule, without warm-up
     * @throws IllegalArgumentException naming the part that is wrong and the forms accepted
     */
    public static LearningRateSchedule parse(String spec) {
        String text = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        String[] p = text.split(":", -1);
        try {
            switch (p[0]) {
                case "constant":
                    if (p.length == 1) {
                        return CONSTANT;
                    }
                    break;
                case "step":
                    if (p.length == 3) {
                        return new LearningRateSchedule(Kind.STEP, whole(p[1], spec), number(p[2], spec), 0, 0);
                    }
                    break;
                case "exp":
                    if (p.length == 2) {
                        return new LearningRateSchedule(Kind.EXP, 0, number(p[1], spec), 0, 0);
                    }
                    break;
                case "cosine":
                    if (p.length <= 2) {
                        return new LearningRateSchedule(Kind.COSINE, 0, 1, p.length == 2 ? number(p[1], spec) : 0, 0);
                    }
                    break;
                default:
                    break;
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learning-rate schedule '" + spec + "': " + e.getMessage());
        }
        throw new IllegalArgumentException("learning-rate schedule '" + spec + "': expected step:K:G, exp:G, cosine, "
                + "cosine:MIN or constant");
    }

    private static int whole(String s, String spec) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("K must be a whole number of epochs, got '" + s + "'");
        }
    }

    private static double number(String s, String spec) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
    }

    /** @return this schedule after W epochs of linear warm-up */
    public LearningRateSchedule withWarmup(int epochs) {
        return new LearningRateSchedule(kind, stepEpochs, gamma, min, epochs);
    }

    /**
     * @param base  α
     * @param epoch e, 1-based over the whole run
     * @param total E, the run's epochs (those done before a resume included)
     * @return the learning rate of epoch e
     */
    public double rate(double base, int epoch, int total) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs count from 1, got " + epoch);
        }
        if (epoch <= warmup) {
            return base * epoch / warmup;
        }
        int e = epoch - warmup;
        int span = Math.max(1, total - warmup);
        switch (kind) {
            case STEP: return base * Math.pow(gamma, (e - 1) / stepEpochs);
            case EXP: return base * Math.pow(gamma, e - 1);
            case COSINE: return min + (base - min) * (1 + Math.cos(Math.PI * (e - 1) / span)) / 2;
            default: return base;
        }
    }

    /** @return the form {@link #parse} reads (the warm-up is separate) */
    public String spec() {
        switch (kind) {
            case STEP: return "step:" + stepEpochs + ":" + plain(gamma);
            case EXP: return "exp:" + plain(gamma);
            case COSINE: return min == 0 ? "cosine" : "cosine:" + plain(min);
            default: return "constant";
        }
    }

    /** @return a number as written, 0.0005 rather than 5.0E-4 (exactly: the shortest repr, without exponent) */
    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return spec() + (warmup > 0 ? " after " + warmup + " warm-up epochs" : "");
    }
}
