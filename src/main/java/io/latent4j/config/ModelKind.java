package io.latent4j.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which network a run trains on the configured layer sizes. */
public enum ModelKind {
    /** The tutorial's plain autoencoder: dense layers trained on the squared reconstruction error. */
    AE,
    /**
     * A variational autoencoder on DL4J's own {@code VariationalAutoencoder} layer: the same encoder
     * widths, a Gaussian posterior over the latent code and a reconstruction distribution,
     * trained on the negative evidence lower bound (ELBO).
     */
    VAE;

    /** The name used on the command line and in model cards. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code id} (as {@link #id()} spells it, in any case), if there is one. */
    public static Optional<ModelKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equalsIgnoreCase(id)).findFirst();
    }
}
