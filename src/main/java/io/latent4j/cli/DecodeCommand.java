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

/** {@code decode}: latent codes to images, one PNG per row. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode latent codes into images: one 28x28 greyscale PNG per row, named row-000000.png, ...",
                "Input: a CSV with columns z1..zk (as written by encode), or plain rows of k numbers."})
final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--input", paramLabel = "CSV", required = true, description = "Latent codes.")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the PNGs.")
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
        int side = Figures.side(ae);
        for (int i = 0; i < images.length; i++) {
            Pngs.write(Pngs.grey(images[i], side), out.resolve(String.format(Locale.ROOT, "row-%06d.png", i)));
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "Decoded %d rows into %s%n", images.length, out);
        return 0;
    }
}
