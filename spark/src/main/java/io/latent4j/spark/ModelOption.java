package io.latent4j.spark;

import io.latent4j.ModelLoadException;
import picocli.CommandLine.Option;

/** The {@code --model} option, as in the core's commands. */
final class ModelOption {
    @Option(names = "--model", paramLabel = "PATH", defaultValue = "models/autoencoder.zip",
            description = "Trained model (default: ${DEFAULT-VALUE}); 'pretrained' uses the model shipped in the latent4j jar.")
    String model;

    /** Whether the option names the model shipped in the latent4j jar. */
    boolean isPretrained() {
        return "pretrained".equals(model);
    }

    byte[] bytes() throws ModelLoadException {
        return SparkEncodeJob.modelBytes(model);
    }
}
