package io.latent4j.cli;

import io.latent4j.data.TrainingSources;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a CSV input is laid out, for the commands that read rows with a trained model. */
final class CsvLayoutOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--skip-lines", paramLabel = "N", defaultValue = "0",
            description = "CSV: header lines to skip (default: ${DEFAULT-VALUE}).")
    int skipLines;

    @Option(names = "--label-column", paramLabel = "N|NAME",
            description = "CSV: a label column to leave out of the features, 0-based or by header name.")
    String labelColumn;

    /** The layout; bad values are usage errors. */
    TrainingSources.CsvLayout layout() {
        try {
            return new TrainingSources.CsvLayout(skipLines, labelColumn);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
