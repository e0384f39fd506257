package io.latent4j.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A variational autoencoder's distribution p(x|z) over each input value. */
public enum Reconstruction {
    /** Bernoulli with a sigmoid mean: for values in [0, 1] such as pixels (the default). */
    BERNOULLI,
    /** Gaussian with a linear mean and a learned variance per value: for unbounded features. */
    GAUSSIAN;

    /** The name used on the command line and in model cards. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The distribution named {@code id} (as {@link #id()} spells it, in any case), if there is one. */
    public static Optional<Reconstruction> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equalsIgnoreCase(id)).findFirst();
    }
}
