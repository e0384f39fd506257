package io.latent4j.spark;

/** An input row the encoder cannot take (wrong width, NaN, out of range, no id); names the row. */
public final class BadRowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRowException(String message) {
        super(message);
    }
}
