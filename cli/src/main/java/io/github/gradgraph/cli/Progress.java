package io.github.gradgraph.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr over epochs (with the latest loss and accuracy) or steps; silent when disabled. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    Progress(int epochs, boolean enabled) {
        this("train", epochs, " epochs", enabled);
    }

    /** A bar named {@code task} over {@code max} units (such as " steps"). */
    Progress(String task, long max, String unit, boolean enabled) {
        bar = enabled ? new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setUnit(unit, 1)
                .continuousUpdate().build() : null;
    }

    /** @param done units of this run so far; @param message what to show beside the bar */
    void update(long done, String message) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(message);
        }
    }

    /** @param done epochs of this run so far; @param loss and @param accuracy the latest epoch's */
    void update(int done, double loss, double accuracy) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.3f", loss, accuracy));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
