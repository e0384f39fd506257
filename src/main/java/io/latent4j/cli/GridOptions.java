package io.latent4j.cli;

import io.latent4j.viz.ManifoldGrid;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The manifold grid options shared by {@code manifold} and {@code report}. */
final class GridOptions {
    @Option(names = "--z1", paramLabel = "MIN,MAX", converter = FigureOptions.PairConverter.class,
            description = "Z1 range, left to right (default: 1st-99th percentile of the test codes).")
    FigureOptions.Pair z1;

    @Option(names = "--z2", paramLabel = "MIN,MAX", converter = FigureOptions.PairConverter.class,
            description = "Z2 range, bottom to top (default: 1st-99th percentile of the test codes).")
    FigureOptions.Pair z2;

    @Option(names = "--nx", paramLabel = "N", defaultValue = "20", description = "Columns (default: ${DEFAULT-VALUE}).")
    int nx;

    @Option(names = "--ny", paramLabel = "N", defaultValue = "20", description = "Rows (default: ${DEFAULT-VALUE}).")
    int ny;

    /** The grid the options give, or null when the ranges are left to the data; bad values exit 2. */
    ManifoldGrid grid(CommandSpec spec) {
        return FigureOptions.grid(z1, z2, nx, ny, spec);
    }
}
