package io.latent4j.cli;

import io.latent4j.viz.StatsRecording;
import io.latent4j.viz.TrainingUi;
import org.deeplearning4j.core.storage.StatsStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ui}: replays a finished run's training statistics in DL4J's training UI. */
@Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay a finished run in DL4J's training UI (score chart, update ratios, parameter statistics), "
                + "served on " + TrainingUi.HOST + " until Ctrl-C.",
                "Record a stats file with 'train --ui'; it goes beside the model as NAME-stats.dl4j."})
final class UiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--stats", paramLabel = "FILE", required = true,
            description = "Stats file written by 'train --ui', e.g. models/autoencoder-stats.dl4j.")
    Path stats;

    @Mixin
    UiPort uiPort;

    @Option(names = "--verbose", description = "Show stack traces on failure.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        int port = uiPort.value();
        PrintWriter out = spec.commandLine().getOut();
        StatsStorage storage = StatsRecording.open(stats);
        try (TrainingUi ui = TrainingUi.start(port)) {
            ui.show(storage);
            out.println("Training UI: " + ui.overviewUrl() + " replaying " + stats + " (press Ctrl-C to stop)");
            UiPort.serveUntilStopped();
        } finally {
            storage.close();
        }
        return 0;
    }
}
