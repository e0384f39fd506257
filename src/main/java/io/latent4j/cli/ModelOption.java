package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.ModelLoadException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --model} option shared by the commands that use a trained model. */
final class ModelOption {
    @Option(names = "--model", paramLabel = "PATH", defaultValue = "models/autoencoder.zip",
            description = "Trained model (default: ${DEFAULT-VALUE}); 'pretrained' uses the model shipped in the jar.")
    String model;

    Autoencoder load() throws ModelLoadException {
        return isPretrained() ? Autoencoder.pretrained() : Autoencoder.load(Path.of(model));
    }

    /** Whether the option names the model shipped in the jar. */
    boolean isPretrained() {
        return "pretrained".equals(model);
    }
}
