package io.latent4j.spark;

import java.io.Serializable;

/**
 * One input image on its way through the job.
 *
 * @param id     the row's identifier, copied to the output; null marks a bad row
 * @param label  the digit, when the input has labels
 * @param pixels the image as a row of pixels in [0, 1]; null marks a bad row
 */
public record ImageRow(Long id, Integer label, float[] pixels) implements Serializable {
    private static final long serialVersionUID = 1L;
}
