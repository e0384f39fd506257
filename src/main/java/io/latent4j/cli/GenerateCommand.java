package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.data.FloatRows;
import io.latent4j.data.LabeledRows;
import io.latent4j.viz.Figures;
import io.latent4j.viz.Pngs;
import io.latent4j.viz.ReportExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code generate}: an image decoded from one latent point, beside the latent scatter. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Decode one latent point into an image and draw it beside the test images' latent scatter.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--z", paramLabel = "X,Y", converter = FigureOptions.PairConverter.class,
            description = "Latent point, e.g. -6,1 (default: a point inside the data).")
    FigureOptions.Pair z;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "generation.png", description = "Output (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    FigureOptions figures;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.applyThreads(spec);
        Autoencoder ae = model.load();
        FigureOptions.requirePlane(ae, model);
        LabeledRows test = figures.testImages(ae, line -> { });
        float[][] codes = FloatRows.of(ae.encode(test.features()));
        int[] shown = ReportExporter.randomRows(test.count(), 500, figures.seed);
        int[] labels = test.labels();
        float[] point = z == null ? ReportExporter.pointInsideData(codes) : new float[] {(float) z.first(), (float) z.second()};
        float[] image = ae.decode(new float[][] {point})[0];
        Pngs.write(Figures.generation(ReportExporter.pick(codes, shown), Arrays.stream(shown).map(i -> labels[i]).toArray(),
                point, image, Figures.side(ae)), out);
        spec.commandLine().getOut().printf(Locale.ROOT, "Generated z = (%.4f, %.4f) into %s%n", point[0], point[1], out);
        return 0;
    }
}
