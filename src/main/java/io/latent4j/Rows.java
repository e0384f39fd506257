package io.latent4j;

import io.latent4j.data.IdxLabels;
import io.latent4j.data.PixelSource;
import io.latent4j.data.PngFolder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.OptionalLong;

/**
 * The readers behind {@code encode}, for programs that read rows themselves (a Spark job that
 * splits files between workers, a service that streams them). Every reader checks what it reads;
 * errors name the file.
 *
 * <pre>{@code
 * try (Rows.Reader rows = Rows.open(Path.of("t10k-images-idx3-ubyte.gz"))) {
 *     Iterator<float[]> codes = ae.encodeAll(rows, 1024);
 * }
 * }</pre>
 */
public final class Rows {
    private Rows() {
    }

    /** Rows read one at a time; read errors surface as {@link java.io.UncheckedIOException} naming the file. */
    public interface Reader extends Iterator<float[]>, AutoCloseable {
        /** Number of rows, when the format states it up front (IDX, image folders). */
        OptionalLong size();

        @Override
        void close() throws IOException;
    }

    /**
     * Opens an IDX image file (plain or {@code .gz}; pixels scaled to [0, 1]), a {@code .csv} of
     * numeric columns (no header, every column a value), or a folder of PNG/JPEG images (28x28
     * grey, in path order).
     */
    public static Reader open(Path input) throws IOException {
        PixelSource source = PixelSource.open(input);
        return new Reader() {
            @Override
            public OptionalLong size() {
                return source.size();
            }

            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public float[] next() {
                return source.next();
            }

            @Override
            public void close() throws IOException {
                source.close();
            }
        };
    }

    /** The labels of an IDX label file (plain or {@code .gz}), checked against its header. */
    public static int[] idxLabels(Path file) throws IOException {
        return IdxLabels.read(file);
    }

    /** One 28x28 greyscale PNG as 784 pixels in [0, 1] (refused, naming the file, if it is anything else). */
    public static float[] png(Path file) throws IOException {
        return PngFolder.read(file);
    }
}
