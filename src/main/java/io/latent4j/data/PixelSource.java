package io.latent4j.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Rows read one at a time from a file or folder, so inputs of any size are encoded in bounded
 * memory. Pixels are scaled to [0, 1]; CSV rows come in the file's own units. Read errors
 * surface as {@link java.io.UncheckedIOException} wrapping an exception that names the file.
 */
public interface PixelSource extends Iterator<float[]>, AutoCloseable {

    /** Number of rows, when the format states it up front. */
    OptionalLong size();

    @Override
    void close() throws IOException;

    /**
     * Opens {@code input} by its kind: a folder of images read as 28x28 grey, a {@code .csv} of
     * numeric columns without header or label column, or an IDX image file (plain or {@code .gz}).
     */
    static PixelSource open(Path input) throws IOException {
        return open(input, TrainingSources.CsvLayout.PLAIN, 28, 28);
    }

    /**
     * Opens {@code input} by its kind: a folder of PNG/JPEG images (in sub-folders or not, in
     * relative-path order) resized and greyscaled to {@code width x height}; a {@code .csv} read
     * with {@code layout}, the label column left out; or an IDX image file (plain or {@code .gz}).
     */
    static PixelSource open(Path input, TrainingSources.CsvLayout layout, int width, int height) throws IOException {
        if (Files.isDirectory(input)) {
            ImageFolder folder = ImageFolder.scan(input);
            ImageFolder.Rows rows = folder.rows(width, height);
            return over(OptionalLong.of(folder.files().size()), rows, ImageFolder.Image::pixels, rows::close);
        }
        if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            CsvRecords records = CsvRecords.open(input, layout);
            return over(OptionalLong.empty(), records, CsvRecords.Row::features, records::close);
        }
        IdxImages idx = IdxImages.open(input);
        return over(OptionalLong.of(idx.header().count()), idx, Function.identity(), idx::close);
    }

    private static <T> PixelSource over(OptionalLong size, Iterator<T> items, Function<T, float[]> row, Closeable closer) {
        return new PixelSource() {
            @Override
            public OptionalLong size() {
                return size;
            }

            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public float[] next() {
                return row.apply(items.next());
            }

            @Override
            public void close() throws IOException {
                closer.close();
            }
        };
    }
}
