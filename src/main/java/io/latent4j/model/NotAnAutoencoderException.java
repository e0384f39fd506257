package io.latent4j.model;

/** A network that is not a symmetric dense autoencoder latent4j can split into encoder and decoder. */
public final class NotAnAutoencoderException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotAnAutoencoderException(String message) {
        super(message);
    }
}
