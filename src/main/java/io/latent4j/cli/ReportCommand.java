package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.data.LabeledRows;
import io.latent4j.data.MnistDigits;
import io.latent4j.data.MnistFiles;
import io.latent4j.data.MnistSource;
import io.latent4j.viz.ReportExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code report}: the tutorial's figures and report for an existing model. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the tutorial's figures, README.md and autoencoder.ipynb for a trained model.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--export-dir", paramLabel = "DIR",
            description = "Output directory (default: beside the model, NAME-report/; for 'pretrained': models/pretrained-report/).")
    Path exportDir;

    @Option(names = "--z", paramLabel = "X,Y", converter = FigureOptions.PairConverter.class,
            description = "Latent point to generate from (default: a point inside the data).")
    FigureOptions.Pair z;

    @Mixin
    GridOptions gridOptions;

    @Mixin
    FigureOptions figures;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.applyThreads(spec);
        var grid = gridOptions.grid(spec);
        Autoencoder ae = model.load();
        FigureOptions.requirePlane(ae, spec);
        var out = spec.commandLine().getOut();
        MnistFiles files = figures.mnistFiles(ae, common.quiet ? line -> { } : out::println);
        Set<Integer> chosen = figures.chosenDigits(ae);
        LabeledRows test = MnistDigits.loadTest(files, chosen);
        // The anomaly section compares the chosen digits with the others, and fits PCA on the chosen ones' training images.
        Set<Integer> others = MnistSource.otherDigits(chosen);
        var anomaly = new ReportExporter.AnomalyInput(others.isEmpty() ? null : MnistDigits.loadTest(files, others),
                MnistDigits.loadTrain(files, chosen).features());
        float[] point = z == null ? null : new float[] {(float) z.first(), (float) z.second()};
        Path dir = TrainCommand.exportDirFor(model.isPretrained() ? Path.of("models", "pretrained.zip") : Path.of(model.model),
                exportDir);
        ReportExporter.Export export = ReportExporter.export(ae, test, anomaly, ae.card().orElse(null),
                new ReportExporter.Options(dir, point, grid, gridOptions.nx, gridOptions.ny, figures.seed,
                        model.isPretrained() ? null : Path.of(model.model)));
        out.println("Report: " + export.files().size() + " files in " + dir);
        return 0;
    }
}
