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

    /**
     * Reads every label, checking the header, that the data holds exactly the promised count
     * (without trusting the header for the allocation), and that each label is a digit.
     */
    public static int[] read(Path file) throws IOException {
        IdxHeader.checkReadableFile(file);
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        if (!gzip) {
            IdxHeader.read(file, 1);
        }
        byte[] bytes;
        IdxHeader header;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            InputStream body = gzip ? new GZIPInputStream(raw) : raw;
            header = IdxHeader.parse(file, new DataInputStream(body), 1);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            body.transferTo(data);
            bytes = data.toByteArray();
        } catch (java.util.zip.ZipException | EOFException e) {
            throw new IdxFormatException(file, "is not a valid gzip file (" + e.getMessage() + ")");
        }
        if (bytes.length != header.count()) {
            throw new IdxFormatException(file, "header promises " + header.count() + " labels but the file holds "
                    + bytes.length + (bytes.length < header.count() ? " (truncated)" : " (trailing data)"));
        }
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
