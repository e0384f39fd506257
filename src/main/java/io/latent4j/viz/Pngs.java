package io.latent4j.viz;

import io.latent4j.files.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;

/** Pixel rows as greyscale images, and PNG files written atomically. */
public final class Pngs {
    private Pngs() {
    }

    /**
     * A {@code side x side} 8-bit grey image of a row-major pixel row in [0, 1] (values outside
     * are clamped; 0 is black, as in the tutorial's 'gray' colour map).
     */
    public static BufferedImage grey(float[] pixels, int side) {
        return grey(pixels, side, side);
    }

    /** As {@link #grey(float[], int)}, for a {@code width x height} image. */
    public static BufferedImage grey(float[] pixels, int width, int height) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("expected " + width * height + " pixels, got " + pixels.length);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, toByte(pixels[y * width + x]));
            }
        }
        return image;
    }

    /** A value in [0, 1] as 0-255, clamped and rounded. */
    public static int toByte(double value) {
        return (int) Math.round(Math.max(0, Math.min(1, value)) * 255);
    }

    /** Writes {@code image} as a PNG via a temporary file and a rename. */
    public static void write(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
