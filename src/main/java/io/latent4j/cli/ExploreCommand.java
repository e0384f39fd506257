package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.ModelCard;
import io.latent4j.data.IdxLabels;
import io.latent4j.data.LabeledRows;
import io.latent4j.data.PixelSource;
import io.latent4j.data.TrainingSources;
import io.latent4j.viz.ExplorerPoints;
import io.latent4j.viz.Figures;
import io.latent4j.viz.LatentExplorer;
import io.latent4j.viz.TrainingUi;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code explore}: the latent space in the browser, decoded under the pointer. */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a page on " + TrainingUi.HOST + " to move through the latent space: the codes of real "
                + "rows as a scatter, the decoder's image at the pointer, the nearest real rows, pinned points and "
                + "the line between two of them. Runs until Ctrl-C.",
                "Rows: the model's MNIST test digits, or --input (IDX, CSV or an image folder, as for encode).",
                "Endpoints for scripts: /codes, /decode?z=x,y, /neighbours?z=x,y&k=5, /image?id=N."})
final class ExploreCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 9100;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "Port on " + TrainingUi.HOST + "; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--input", paramLabel = "PATH",
            description = "Rows to show instead of the MNIST test images: an IDX image file, a CSV or an image folder.")
    Path input;

    @Option(names = "--labels", paramLabel = "IDX", description = "With --input: an IDX label file colouring the rows.")
    Path labels;

    @Mixin
    CsvLayoutOptions csv;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10000",
            description = "Show at most the first N rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    MnistTestOptions mnist;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 0xFFFF) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0-65535, not " + port);
        }
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        if (labels != null && input == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--labels goes with --input");
        }
        common.applyThreads(spec);
        PrintWriter out = spec.commandLine().getOut();
        Autoencoder ae = model.load();
        ExplorerPoints points = input == null ? mnistPoints(ae, out) : inputPoints(ae);
        try (LatentExplorer explorer = LatentExplorer.start(ae, points, port)) {
            out.printf(Locale.ROOT, "Explorer: %s showing %,d rows (press Ctrl-C to stop)%n", explorer.address(),
                    points.size());
            out.flush();
            UiPort.serveUntilStopped();
        }
        return 0;
    }

    private ExplorerPoints mnistPoints(Autoencoder ae, PrintWriter out) throws IOException {
        String kind = ae.card().map(ModelCard::dataKind).orElse("mnist");
        if (!kind.equals("mnist")) {
            throw new IOException("the model was trained on " + kind + " data, not MNIST; give the rows to show with "
                    + "--input");
        }
        LabeledRows test = mnist.testImages(ae, common.quiet ? line -> { } : out::println);
        return ExplorerPoints.encode(ae, test, limit);
    }

    private ExplorerPoints inputPoints(Autoencoder ae) throws IOException {
        int side = ae.scaled() ? 0 : Figures.squareSide(ae.inputSize());
        int[] labelValues = labels == null ? null : IdxLabels.read(labels);
        List<float[]> rows = new ArrayList<>();
        TrainingSources.CsvLayout layout = csv.layout();
        long total;
        try (PixelSource source = PixelSource.open(input, layout, side > 0 ? side : ae.inputSize(), side > 0 ? side : 1)) {
            while (source.hasNext() && rows.size() < limit) {
                float[] row = source.next();
                if (row.length != ae.inputSize()) {
                    throw new IOException(input + ": row " + (rows.size() + 1) + " has " + row.length
                            + " values, the model takes " + ae.inputSize());
                }
                rows.add(row);
            }
            total = source.size().orElse(-1);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        if (labelValues != null && total >= 0 && total != labelValues.length) {
            throw new IOException(input + " holds " + total + " rows but " + labels + " holds " + labelValues.length
                    + " labels");
        }
        if (labelValues != null && labelValues.length < rows.size()) {
            throw new IOException(labels + " holds " + labelValues.length + " labels, fewer than the " + rows.size()
                    + " rows of " + input);
        }
        String[] rowLabels = null;
        if (labelValues != null) {
            rowLabels = new String[rows.size()];
            for (int i = 0; i < rowLabels.length; i++) {
                rowLabels[i] = Integer.toString(labelValues[i]);
            }
        }
        try {
            return ExplorerPoints.encode(ae, rows.toArray(new float[0][]), rowLabels, side, side);
        } catch (IllegalArgumentException e) {
            throw new IOException(input + ": " + e.getMessage(), e);
        }
    }
}
