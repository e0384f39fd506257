package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.data.IdxLabels;
import io.latent4j.data.PixelSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code encode}: images to latent codes, as CSV or as Embedding Projector TSV files. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encode images into latent codes.",
                "Input: an IDX image file (plain or .gz), a CSV of 784 pixel columns in [0, 1], or a folder of "
                + "28x28 greyscale PNGs (in file-name order).",
                "Output by extension: .csv (header z1,z2,...[,label]) or .tsv (vectors, plus NAME-metadata.tsv with "
                + "the labels: the two files the TensorFlow Embedding Projector loads)."})
final class EncodeCommand implements Callable<Integer> {
    private static final long PROGRESS_EVERY_ROWS = 100_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--input", paramLabel = "PATH", required = true, description = "Images to encode.")
    Path input;

    @Option(names = "--labels", paramLabel = "IDX", description = "IDX label file (plain or .gz) to add a label column.")
    Path labels;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output .csv or .tsv.")
    Path out;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024",
            description = "Rows encoded per call (default: ${DEFAULT-VALUE}); memory stays bounded by one batch.")
    int batchSize;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--batch-size must be at least 1");
        }
        common.applyThreads(spec);
        PrintWriter err = spec.commandLine().getErr();
        Autoencoder ae = model.load();
        int[] labelValues = labels == null ? null : IdxLabels.read(labels);
        long start = System.nanoTime();
        long[] rows = new long[1];
        LatentFiles.Written written;
        try (PixelSource source = PixelSource.open(input)) {
            if (labelValues != null && source.size().isPresent() && source.size().getAsLong() != labelValues.length) {
                throw new IOException(input + " holds " + source.size().getAsLong() + " images but " + labels + " holds "
                        + labelValues.length + " labels");
            }
            // A bar on a terminal (when the row count is known), plain lines elsewhere: no escape codes in logs.
            ProgressLine bar = !common.quiet && main.terminal && source.size().isPresent()
                    ? new ProgressLine(System.out, -1, "Encoding", "rows", source.size().getAsLong()) : null;
            try {
                written = LatentFiles.write(out, ae.latentSize(), ae.encodeAll(source, batchSize), labelValues, () -> {
                    rows[0]++;
                    if (bar != null) {
                        bar.update(rows[0], (System.nanoTime() - start) / 1e9, "");
                    } else if (rows[0] % PROGRESS_EVERY_ROWS == 0 && !common.quiet) {
                        err.printf(Locale.ROOT, "encoded %,d rows%n", rows[0]);
                    }
                });
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(input + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT, "Encoded %,d rows into %d-D codes in %.2f s (%,.0f rows/s): %s%n",
                written.rows(), ae.latentSize(), seconds, written.rows() / seconds,
                String.join(", ", written.files().stream().map(Path::toString).toList()));
        return 0;
    }
}
