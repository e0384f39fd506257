package io.latent4j.cli;

import io.latent4j.train.TrainingProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Training progress on the console: a live progress bar on a terminal, the tutorial's plain
 * periodic lines anywhere else (CI logs, pipes: no escape codes), nothing when quiet.
 */
interface ConsoleProgress extends TrainingProgress, AutoCloseable {

    /** Ends the display (the bar prints its final state); safe to call more than once. */
    @Override
    void close();

    /**
     * @param out      where lines go
     * @param terminal whether standard output is a terminal; the bar is drawn on {@link System#out}
     * @param quiet    show nothing
     */
    static ConsoleProgress choose(PrintWriter out, boolean terminal, boolean quiet) {
        if (quiet) {
            return silent();
        }
        return terminal ? new Bar(System.out, -1) : lines(out);
    }

    /** Shows nothing. */
    static ConsoleProgress silent() {
        return new ConsoleProgress() {
            @Override
            public void report(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
            }

            @Override
            public void close() {
            }
        };
    }

    /** One line every {@code --log-every} iterations and after the last. */
    static ConsoleProgress lines(PrintWriter out) {
        return new ConsoleProgress() {
            @Override
            public void report(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
                out.println(String.format(Locale.ROOT, "Iter %5d/%d  loss %.5f  %6.1f s",
                        iteration, iterations, batchLoss, elapsedSeconds));
            }

            @Override
            public void close() {
            }
        };
    }

    /** A bar updated every step with the iteration, iterations per second, ETA and the current batch loss. */
    final class Bar implements ConsoleProgress {
        private static final long REDRAW_NANOS = 250_000_000L;
        private final ProgressBarBuilder builder;
        private ProgressBar bar;
        private long lastDrawn;
        private boolean closed;

        /**
         * @param terminal  where the bar is drawn
         * @param maxLength the widest line to draw, or -1 for the terminal's width
         */
        Bar(PrintStream terminal, int maxLength) {
            this.builder = new ProgressBarBuilder()
                    .setTaskName("Training")
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" it", 1)
                    .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    // The training thread redraws the bar (see step): progressbar 0.10.1's own timer can
                    // race with close() and draw the final line twice, so it only draws the first frame.
                    .setUpdateIntervalMillis(Integer.MAX_VALUE)
                    .setConsumer(new ConsoleProgressBarConsumer(terminal, maxLength));
        }

        @Override
        public void report(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
            // The bar shows every step; the logged losses go to the model card.
        }

        @Override
        public synchronized void step(int iteration, int iterations, double batchScore, double elapsedSeconds) {
            if (closed) {
                return;
            }
            if (bar == null) {
                bar = builder.setInitialMax(iterations).build();
            }
            bar.stepTo(iteration + 1L);
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.5f", batchScore));
            if (iteration == iterations - 1) {
                close();
            } else if (System.nanoTime() - lastDrawn >= REDRAW_NANOS) {
                bar.refresh();
                lastDrawn = System.nanoTime();
            }
        }

        @Override
        public synchronized void close() {
            if (bar != null && !closed) {
                bar.close();
            }
            closed = true;
        }
    }
}
