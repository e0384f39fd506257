package io.latent4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Image rows read one at a time from a file or folder, pixels scaled to [0, 1]. Read errors
 * surface as {@link java.io.UncheckedIOException} wrapping an exception that names the file.
 */
public interface PixelSource extends Iterator<float[]>, AutoCloseable {

    /** Number of rows, when the format states it up front. */
    OptionalLong size();

    @Override
    void close() throws IOException;

    /**
     * Opens {@code input} by its kind: a directory of 28x28 greyscale PNGs (in file-name order), a
     * {@code .csv} of pixel rows, or an IDX image file (plain or {@code .gz}).
     */
    static PixelSource open(Path input) throws IOException {
        if (Files.isDirectory(input)) {
            return PngFolder.open(input);
        }
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CsvRows.open(input);
        }
        IdxImages idx = IdxImages.open(input);
        return new PixelSource() {
            @Override
            public OptionalLong size() {
                return OptionalLong.of(idx.header().count());
            }

            @Override
            public boolean hasNext() {
                return idx.hasNext();
            }

            @Override
            public float[] next() {
                return idx.next();
            }

            @Override
            public void close() throws IOException {
                idx.close();
            }
        };
    }
}
