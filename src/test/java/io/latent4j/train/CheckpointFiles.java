package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Checkpoints for tests outside this package. */
public final class CheckpointFiles {
    private CheckpointFiles() {
    }

    /** Saves the untrained network of {@code config} as a checkpoint at iteration 0 over 100 rows. */
    public static void save(AutoencoderConfig config, Path file) throws IOException {
        new Checkpoint(0, new BatchSampler(config.schedule().sampling(), 100, config.seed()), List.of(), 0, config)
                .save(AutoencoderArchitecture.newAutoencoder(config), file);
    }
}
