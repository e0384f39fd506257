package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.data.FloatRows;
import io.latent4j.viz.Figures;
import io.latent4j.viz.ManifoldGrid;
import io.latent4j.viz.Pngs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code manifold}: the tutorial's grid of decoded images. */
@Command(name = "manifold", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Decode a grid of latent points into one canvas (jet colour map, clim 0..1), as the tutorial does.",
                "--z1 -8,4 --z2 -2,6 --nx 20 --ny 20 reproduce the tutorial's grid exactly."})
final class ManifoldCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Mixin
    GridOptions gridOptions;

    @Option(names = "--labeled", description = "Add the title, axis labels and ranges around the canvas.")
    boolean labeled;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "manifold.png", description = "Output (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    FigureOptions figures;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.applyThreads(spec);
        ManifoldGrid grid = gridOptions.grid(spec);
        Autoencoder ae = model.load();
        FigureOptions.requirePlane(ae, model);
        if (grid == null) {
            float[][] codes = FloatRows.of(ae.encode(figures.testImages(ae, line -> { }).features()));
            grid = ManifoldGrid.covering(codes, gridOptions.nx, gridOptions.ny);
        }
        BufferedImage canvas = ManifoldGrid.render(grid.decode(ae));
        Pngs.write(labeled ? Figures.manifoldLabeled(canvas, grid) : canvas, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "Manifold %dx%d, Z1 %.3f..%.3f, Z2 %.3f..%.3f: %s%n",
                grid.nx(), grid.ny(), grid.z1Min(), grid.z1Max(), grid.z2Min(), grid.z2Max(), out);
        return 0;
    }
}
