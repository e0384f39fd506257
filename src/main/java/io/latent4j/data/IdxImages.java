package io.latent4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Streams the images of an IDX image file (plain or {@code .gz}) as rows of pixels scaled to
 * [0, 1], one image at a time, so files of any size are read in constant memory. The header is
 * checked first; a file that ends early or runs on past its promised size is an error.
 */
public final class IdxImages implements Iterator<float[]>, AutoCloseable {
    private final Path file;
    private final DataInputStream in;
    private final IdxHeader header;
    private final byte[] buffer;
    private int read;

    private IdxImages(Path file, DataInputStream in, IdxHeader header) {
        this.file = file;
        this.in = in;
        this.header = header;
        this.buffer = new byte[header.itemBytes()];
    }

    /** Opens {@code file} and checks its header (and, for plain files, its size). */
    public static IdxImages open(Path file) throws IOException {
        IdxHeader.checkReadableFile(file);
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        IdxHeader checked = gzip ? null : IdxHeader.read(file, 3);
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            InputStream body = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
            DataInputStream data = new DataInputStream(body);
            IdxHeader header = IdxHeader.parse(file, data, 3);
            return new IdxImages(file, data, checked != null ? checked : header);
        } catch (java.util.zip.ZipException | EOFException e) {
            raw.close();
            throw new IdxFormatException(file, "is not a valid gzip file (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The checked header: count and image dimensions. */
    public IdxHeader header() {
        return header;
    }

    /** Pixels per image (784 for MNIST). */
    public int width() {
        return buffer.length;
    }

    @Override
    public boolean hasNext() {
        if (read < header.count()) {
            return true;
        }
        checkNoTrailingData();
        return false;
    }

    @Override
    public float[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        try {
            in.readFully(buffer);
        } catch (EOFException e) {
            throw new UncheckedIOException(new IdxFormatException(file, "truncated: header promises "
                    + header.count() + " images, the data ends in image " + read));
        } catch (IOException e) {
            throw new UncheckedIOException(new IdxFormatException(file, "cannot be read (" + e.getMessage() + ")"));
        }
        read++;
        float[] row = new float[buffer.length];
        for (int i = 0; i < buffer.length; i++) {
            row[i] = (buffer[i] & 0xFF) / 255f;
        }
        return row;
    }

    private void checkNoTrailingData() {
        try {
            if (in.read() != -1) {
                throw new UncheckedIOException(new IdxFormatException(file,
                        "has data after the " + header.count() + " images its header promises"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(new IdxFormatException(file, "cannot be read (" + e.getMessage() + ")"));
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
