package io.latent4j;

/**
 * A model file could not be used: it is missing, unreadable, damaged, not a DL4J model, or a DL4J
 * model that is not a mirrored dense autoencoder. The message names the file and the problem.
 */
public final class ModelLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }

    public ModelLoadException(String message) {
        super(message);
    }
}
