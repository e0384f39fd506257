package io.latent4j.cli;

import io.latent4j.viz.TrainingUi;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --ui-port} option shared by {@code train --ui} and {@code ui}. */
final class UiPort {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "" + TrainingUi.DEFAULT_PORT,
            description = "Port of the training UI on " + TrainingUi.HOST + "; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    /** The port, checked: out-of-range values are usage errors. */
    int value() {
        if (port < 0 || port > 0xFFFF) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ui-port must be 0-65535, not " + port);
        }
        return port;
    }

    /** Blocks until the process is stopped (Ctrl-C); the UI goes on serving meanwhile. */
    static void serveUntilStopped() throws InterruptedException {
        Thread.currentThread().join();
    }
}
