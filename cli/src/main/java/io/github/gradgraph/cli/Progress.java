package io.github.gradgraph.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar over epochs on stderr, showing the latest loss and accuracy; silent when disabled. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    Progress(int epochs, boolean enabled) {
        bar = enabled ? new ProgressBarBuilder().setTaskName("train").setInitialMax(epochs)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).setUnit(" epochs", 1)
                .continuousUpdate().build() : null;
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
