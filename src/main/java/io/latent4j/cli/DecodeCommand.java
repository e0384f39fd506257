package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.viz.Figures;
import io.latent4j.viz.Pngs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
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

    @Override
    public Integer call() throws Exception {
        common.applyThreads(spec);
        Autoencoder ae = model.load();
        List<float[]> latents = LatentFiles.readCsv(input, ae.latentSize());
        float[][] images;
        try {
            images = ae.decode(latents.toArray(new float[0][]));
        } catch (IllegalArgumentException e) {
            throw new IOException(input + ": " + e.getMessage(), e);
        }
        if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            io.latent4j.files.AtomicFiles.writeString(out, csv(images));
            spec.commandLine().getOut().printf(Locale.ROOT, "Decoded %d rows into %s%n", images.length, out);
            return 0;
        }
        int side = Figures.squareSide(ae.inputSize());
        if (side == 0 || ae.scaled()) {
            throw new IOException("the model's " + ae.inputSize() + " outputs are not a square image"
                    + (ae.scaled() ? " of pixels" : "") + "; write them as rows with --out FILE.csv");
        }
        for (int i = 0; i < images.length; i++) {
            Pngs.write(Pngs.grey(images[i], side), out.resolve(String.format(Locale.ROOT, "row-%06d.png", i)));
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "Decoded %d rows into %s%n", images.length, out);
        return 0;
    }

    private static String csv(float[][] rows) {
        StringBuilder text = new StringBuilder();
        for (float[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                text.append(c == 0 ? "" : ",").append(row[c]);
            }
            text.append('\n');
        }
        return text.toString();
    }
}
