package io.latent4j.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads an IDX label file (plain or {@code .gz}) of digits 0-9. */
public final class IdxLabels {
    private IdxLabels() {
    }

    /** Bytes read at a time: the buffer grows with the data actually present, never with the header's claim. */
    private static final int CHUNK = 1 << 20;

    /**
     * Reads every label, checking the header, that the data holds exactly the promised count, and
     * that each label is a digit. At most count + 1 bytes are read, and memory grows with the
     * bytes present, so neither a lying header nor a gzip bomb can exhaust it.
     */
    public static int[] read(Path file) throws IOException {
        IdxHeader.checkReadableFile(file);
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        if (!gzip) {
            IdxHeader.read(file, 1);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            InputStream body = gzip ? new GZIPInputStream(raw) : raw;
            IdxHeader header = IdxHeader.parse(file, new DataInputStream(body), 1);
            int count = header.count();
            ByteArrayOutputStream data = new ByteArrayOutputStream(Math.min(count, CHUNK));
            while (data.size() < count) {
                byte[] chunk = body.readNBytes(Math.min(CHUNK, count - data.size()));
                if (chunk.length == 0) {
                    throw new IdxFormatException(file, "header promises " + count + " labels but the file holds "
                            + data.size() + " (truncated)");
                }
                data.write(chunk);
            }
            if (body.read() != -1) {
                throw new IdxFormatException(file, "header promises " + count
                        + " labels but the file holds more (trailing data)");
            }
            return digits(file, data.toByteArray());
        } catch (java.util.zip.ZipException | EOFException e) {
            throw new IdxFormatException(file, "is not a valid gzip file (" + e.getMessage() + ")");
        }
    }

    private static int[] digits(Path file, byte[] bytes) throws IdxFormatException {
        int[] labels = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            labels[i] = bytes[i] & 0xFF;
            if (labels[i] > 9) {
                throw new IdxFormatException(file, "label " + i + " is " + labels[i] + ", expected a digit 0-9");
            }
        }
        return labels;
    }
}
