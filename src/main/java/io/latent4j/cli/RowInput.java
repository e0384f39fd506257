package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.data.PixelSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The rows a command streams through a model ({@code encode}, {@code score}): the input, the size
 * of its images, and how many rows go through the model at a time (a CSV's layout is
 * {@link CsvLayoutOptions}).
 */
final class RowInput {
    private static final long PROGRESS_EVERY_ROWS = 100_000;

    @Option(names = "--input", paramLabel = "PATH", required = true,
            description = "An IDX image file (plain or .gz), a CSV with one row per line, or a folder of PNG/JPEG images.")
    Path input;

    @Option(names = "--image-size", paramLabel = "WxH",
            description = "Image folders: the size the model was trained on (default: from the model's input, a square).")
    String imageSize;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024",
            description = "Rows per call of the model (default: ${DEFAULT-VALUE}); memory stays bounded by one batch.")
    int batchSize;

    /** Rejects a batch size below 1: a usage error. */
    void validate(CommandSpec spec) {
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch-size must be at least 1");
        }
    }

    /**
     * Refuses a batch that cannot fit before anything is read: rows are read into a batch, copied
     * to ND4J and through the network's layers.
     */
    void checkBatchFits(Autoencoder ae, CommandSpec spec) {
        long needed = 4L * Float.BYTES * batchSize * (ae.inputSize() + ae.encoderNetwork().numParams() / ae.inputSize() + 1);
        long limit = org.bytedeco.javacpp.Pointer.maxBytes();
        if (limit > 0 && needed > limit) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--batch-size %,d needs about %,d MB but ND4J may use %,d MB; use a smaller batch (the default is "
                            + "1024)", batchSize, needed >> 20, limit >> 20));
        }
    }

    /**
     * Opens the input for {@code ae}, a CSV laid out as {@code csv} says; a label file, when given,
     * must hold as many labels as the input states images.
     */
    PixelSource open(Autoencoder ae, CommandSpec spec, CsvLayoutOptions csv, Path labels, int[] labelValues)
            throws IOException {
        int[] size = imageSize(ae, spec);
        PixelSource source = PixelSource.open(input, csv.layout(), size[0], size[1]);
        if (labelValues != null && source.size().isPresent() && source.size().getAsLong() != labelValues.length) {
            source.close();
            throw new IOException(input + " holds " + source.size().getAsLong() + " images but " + labels + " holds "
                    + labelValues.length + " labels");
        }
        return source;
    }

    /**
     * Counts rows as they pass: a bar on a terminal when the row count is known, a line every
     * {@value #PROGRESS_EVERY_ROWS} rows elsewhere (no escape codes in logs), nothing when quiet.
     */
    static final class Progress implements Runnable, AutoCloseable {
        private final ProgressLine bar;
        private final PrintWriter err;
        private final String verb;
        private final long start = System.nanoTime();
        private long rows;

        Progress(PixelSource source, boolean terminal, boolean quiet, PrintWriter err, String task, String verb) {
            this.bar = !quiet && terminal && source.size().isPresent()
                    ? new ProgressLine(System.out, -1, task, "rows", source.size().getAsLong()) : null;
            this.err = quiet ? null : err;
            this.verb = verb;
        }

        @Override
        public void run() {
            rows++;
            if (bar != null) {
                bar.update(rows, seconds(), "");
            } else if (err != null && rows % PROGRESS_EVERY_ROWS == 0) {
                err.printf(Locale.ROOT, "%s %,d rows%n", verb, rows);
            }
        }

        /** Seconds since the rows started. */
        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** The image size: as given, else the square the model's input is. */
    private int[] imageSize(Autoencoder ae, CommandSpec spec) {
        if (imageSize != null) {
            int[] size = DataOptions.imageSize(imageSize, spec.commandLine());
            if ((long) size[0] * size[1] != ae.inputSize()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--image-size " + imageSize
                        + " gives " + (long) size[0] * size[1] + " pixels, but the model's input is " + ae.inputSize());
            }
            return size;
        }
        int side = io.latent4j.viz.Figures.squareSide(ae.inputSize());
        return side > 0 ? new int[] {side, side} : new int[] {ae.inputSize(), 1};
    }
}
