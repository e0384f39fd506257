package io.latent4j.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * The PNG images of a folder, in file-name order, as rows of greyscale pixels in [0, 1]. Every
 * image must be 28x28; colour images are converted to grey by luminance.
 */
public final class PngFolder implements PixelSource {
    /** Side of an MNIST image. */
    public static final int SIDE = 28;

    private final List<Path> files;
    private final Iterator<Path> next;

    private PngFolder(List<Path> files) {
        this.files = files;
        this.next = files.iterator();
    }

    public static PngFolder open(Path dir) throws IOException {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException(dir + ": no .png files in this folder");
        }
        return new PngFolder(files);
    }

    /** The files in the order their rows are returned. */
    public List<Path> files() {
        return files;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(files.size());
    }

    @Override
    public boolean hasNext() {
        return next.hasNext();
    }

    @Override
    public float[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            return read(next.next());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one 28x28 PNG as a row of greyscale pixels in [0, 1], the way this folder reads each
     * of its files; for readers that split a folder between workers.
     *
     * @throws IOException naming the file if it is unreadable, not a PNG or not 28x28
     */
    public static float[] read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + ": not a readable PNG image");
        }
        if (image.getWidth() != SIDE || image.getHeight() != SIDE) {
            throw new IOException(file + ": image is " + image.getWidth() + "x" + image.getHeight()
                    + ", expected " + SIDE + "x" + SIDE);
        }
        // Grey images are read from the raster: getRGB would apply a gamma conversion.
        boolean grey = image.getRaster().getNumBands() == 1 && image.getColorModel().getPixelSize() == 8;
        float[] row = new float[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double value;
                if (grey) {
                    value = image.getRaster().getSample(x, y, 0);
                } else {
                    int rgb = image.getRGB(x, y);
                    value = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                }
                row[y * SIDE + x] = (float) (value / 255.0);
            }
        }
        return row;
    }

    @Override
    public void close() {
        // Each image is opened and closed as it is read.
    }
}
