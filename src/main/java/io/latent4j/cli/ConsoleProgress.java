package io.latent4j.cli;

import io.latent4j.train.TrainingProgress;

import java.io.PrintStream;
import java.io.PrintWriter;
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

    /** A bar updated every step with the iteration, iterations per second, time left and the latest batch loss. */
    final class Bar implements ConsoleProgress {
        private final PrintStream terminal;
        private final int width;
        private ProgressLine line;

        /**
         * @param terminal where the bar is drawn
         * @param width    the widest line to draw, or -1 for the terminal's
         */
        Bar(PrintStream terminal, int width) {
            this.terminal = terminal;
            this.width = width;
        }

        @Override
        public void report(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
            // The bar shows every step; the logged losses go to the model card.
        }

        @Override
        public synchronized void step(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
            if (line == null) {
                line = new ProgressLine(terminal, width, "Training", "it", iterations);
            }
            line.update(iteration + 1L, elapsedSeconds, Double.isNaN(batchLoss) ? "loss -------"
                    : String.format(Locale.ROOT, "loss %.5f", batchLoss));
        }

        @Override
        public synchronized void close() {
            if (line != null) {
                line.close();
            }
        }
    }
}
