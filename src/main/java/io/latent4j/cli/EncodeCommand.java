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

/** {@code encode}: rows (images, feature vectors) to latent codes, as CSV or as Embedding Projector TSV files. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encode rows into latent codes.",
                "Input: an IDX image file (plain or .gz), a CSV with one row per line (as many columns as the model's "
                + "input, in the units it was trained on), or a folder of PNG/JPEG images (in path order, resized to "
                + "--image-size).",
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

    @Mixin
    CsvLayoutOptions csv;

    @Option(names = "--image-size", paramLabel = "WxH",
            description = "Image folders: the size the model was trained on (default: from the model's input, a square).")
    String imageSize;

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
        // Rows are read into a batch, copied to ND4J and through the encoder's layers: refuse a batch
        // that cannot fit before reading anything.
        long needed = 4L * Float.BYTES * batchSize * (ae.inputSize() + ae.encoderNetwork().numParams() / ae.inputSize() + 1);
        long limit = org.bytedeco.javacpp.Pointer.maxBytes();
        if (limit > 0 && needed > limit) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--batch-size %,d needs about %,d MB but ND4J may use %,d MB; use a smaller batch (the default is "
                            + "1024)", batchSize, needed >> 20, limit >> 20));
        }
        int[] labelValues = labels == null ? null : IdxLabels.read(labels);
        long start = System.nanoTime();
        long[] rows = new long[1];
        LatentFiles.Written written;
        int[] size = imageSize(ae);
        try (PixelSource source = PixelSource.open(input, csv.layout(), size[0], size[1])) {
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

    /** The image size: as given, else the square the model's input is. */
    private int[] imageSize(Autoencoder ae) {
        if (imageSize != null) {
            int[] size = DataOptions.imageSize(imageSize, spec.commandLine());
            if ((long) size[0] * size[1] != ae.inputSize()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--image-size " + imageSize
                        + " gives " + (long) size[0] * size[1] + " pixels, but the model's input is " + ae.inputSize());
            }
            return size;
        }
        int side = io.latent4j.viz.Figures.squareSide(ae.inputSize());
        return side > 0 ? new int[] {side, side} : new int[] {ae.inputSize(), 1};
    }
}
