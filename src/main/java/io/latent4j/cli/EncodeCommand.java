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
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Mixin
    RowInput rows;

    @Mixin
    CsvLayoutOptions csv;

    @Option(names = "--labels", paramLabel = "IDX", description = "IDX label file (plain or .gz) to add a label column.")
    Path labels;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output .csv or .tsv.")
    Path out;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        rows.validate(spec);
        common.applyThreads(spec);
        Autoencoder ae = model.load();
        rows.checkBatchFits(ae, spec);
        int[] labelValues = labels == null ? null : IdxLabels.read(labels);
        LatentFiles.Written written;
        double seconds;
        try (PixelSource source = rows.open(ae, spec, csv, labels, labelValues);
             RowInput.Progress progress = new RowInput.Progress(source, main.terminal, common.quiet,
                     spec.commandLine().getErr(), "Encoding", "encoded")) {
            written = LatentFiles.write(out, ae.latentSize(), ae.encodeAll(source, rows.batchSize), labelValues, progress);
            seconds = progress.seconds();
        } catch (IllegalArgumentException e) {
            throw new IOException(rows.input + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "Encoded %,d rows into %d-D codes in %.2f s (%,.0f rows/s): %s%n",
                written.rows(), ae.latentSize(), seconds, written.rows() / seconds,
                String.join(", ", written.files().stream().map(Path::toString).toList()));
        return 0;
    }
}
