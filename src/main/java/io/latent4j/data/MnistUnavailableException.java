package io.latent4j.data;

import java.io.IOException;

/** MNIST could not be found, fetched or verified; the message says what was tried and what to do. */
public final class MnistUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public MnistUnavailableException(String message) {
        super(message);
    }
}
