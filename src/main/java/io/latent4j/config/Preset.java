package io.latent4j.config;

import java.util.Locale;

/** Named starting points for a training run; command-line options override single fields. */
public enum Preset {
    /** The TensorFlow tutorial: 2500 Adam steps of 50 rows at learning rate 1e-4. */
    TUTORIAL;

    /** The full configuration this preset stands for. */
    public AutoencoderConfig config() {
        return switch (this) {
            case TUTORIAL -> AutoencoderConfig.tutorial();
        };
    }

    /** The name used on the command line and in model cards. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
