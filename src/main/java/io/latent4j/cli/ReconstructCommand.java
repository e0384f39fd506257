package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.data.LabeledRows;
import io.latent4j.viz.Figures;
import io.latent4j.viz.Pngs;
import io.latent4j.viz.ReportExporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code reconstruct}: random test digits beside their reconstructions. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw random test digits and their reconstructions.")
final class ReconstructCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "Digits to show, 1-50 (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "reconstruction.png", description = "Output (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    FigureOptions figures;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > 50) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be 1-50, got " + count);
        }
        common.applyThreads(spec);
        Autoencoder ae = model.load();
        LabeledRows test = figures.testImages(ae, line -> { });
        float[][] inputs = ReportExporter.rows(test.features(), ReportExporter.randomRows(test.count(), count, figures.seed));
        Pngs.write(Figures.reconstruction(inputs, ae.reconstruct(inputs), Figures.side(ae)), out);
        spec.commandLine().getOut().println("Reconstructed " + inputs.length + " test digits into " + out);
        return 0;
    }
}
