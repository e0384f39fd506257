package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.files.AtomicFiles;
import io.latent4j.viz.Figures;
import io.latent4j.viz.Pngs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code decode}: latent codes to images (one PNG per row) or to rows of a CSV. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode latent codes: into a folder of greyscale PNGs (row-000000.png, ...; models of square "
                + "images) or, with --out FILE.csv, into a CSV of rows in the units the model was trained on.",
                "Input: a CSV with columns z1..zk (as written by encode), or plain rows of k numbers."})
final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--input", paramLabel = "CSV", required = true, description = "Latent codes.")
    Path input;

    @Option(names = "--out", paramLabel = "DIR|CSV", required = true,
            description = "Directory for the PNGs, or a .csv file for the rows.")
    Path out;

    @Mixin
    CommonOptions common;

    /** Rows decoded per call: memory stays bounded by one batch whatever the input's length. */
    static final int BATCH_ROWS = 1024;

    @Override
    public Integer call() throws Exception {
        common.applyThreads(spec);
        Autoencoder ae = model.load();
        boolean csv = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        int side = Figures.squareSide(ae.inputSize());
        if (!csv && (side == 0 || ae.scaled())) {
            throw new IOException("the model's " + ae.inputSize() + " outputs are not a square image"
                    + (ae.scaled() ? " of pixels" : "") + "; write them as rows with --out FILE.csv");
        }
        long[] rows = new long[1];
        try (LatentFiles.LatentReader latents = LatentFiles.LatentReader.open(input, ae.latentSize())) {
            if (csv) {
                AtomicFiles.write(out, stream -> {
                    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                    for (float[][] batch = nextBatch(latents); batch.length > 0; batch = nextBatch(latents)) {
                        for (float[] row : ae.decode(batch)) {
                            for (int c = 0; c < row.length; c++) {
                                w.write(c == 0 ? "" : ",");
                                w.write(Float.toString(row[c]));
                            }
                            w.newLine();
                        }
                        rows[0] += batch.length;
                    }
                    w.flush();
                });
            } else {
                for (float[][] batch = nextBatch(latents); batch.length > 0; batch = nextBatch(latents)) {
                    for (float[] image : ae.decode(batch)) {
                        Pngs.write(Pngs.grey(image, side), out.resolve(String.format(Locale.ROOT, "row-%06d.png", rows[0]++)));
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "Decoded %d rows into %s%n", rows[0], out);
        return 0;
    }

    /** Up to {@link #BATCH_ROWS} rows; none at the end. */
    private static float[][] nextBatch(Iterator<float[]> latents) {
        List<float[]> batch = new ArrayList<>(BATCH_ROWS);
        while (batch.size() < BATCH_ROWS && latents.hasNext()) {
            batch.add(latents.next());
        }
        return batch.toArray(new float[0][]);
    }
}
