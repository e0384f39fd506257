package io.latent4j.model;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a zip's entries one by one, each into memory only up to a size the caller allows: a
 * header that claims more is refused before anything is allocated, and inflating stops as soon
 * as the data passes the limit, so a zip bomb costs at most the limit.
 */
final class ZipEntryReader implements Closeable {
    private static final int MAX_ENTRIES = 64;
    private final ZipInputStream zip;
    private final Set<String> seen = new HashSet<>();
    private ZipEntry current;

    ZipEntryReader(InputStream in) {
        zip = new ZipInputStream(in);
    }

    /** The next entry's name, or null after the last. */
    String next() throws IOException {
        current = zip.getNextEntry();
        if (current == null) {
            return null;
        }
        if (seen.size() == MAX_ENTRIES) {
            throw new IOException("more than " + MAX_ENTRIES + " zip entries");
        }
        if (!seen.add(current.getName())) {
            throw new IOException("two zip entries named " + current.getName());
        }
        return current.getName();
    }

    /** The current entry's bytes; refuses an entry of more than {@code maxBytes}. */
    byte[] read(long maxBytes) throws IOException {
        int allowed = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
        long claimed = current.getSize();
        if (claimed > allowed) {
            throw new IOException(current.getName() + " claims " + claimed + " bytes, more than the " + allowed
                    + " allowed");
        }
        int expected = claimed >= 0 ? (int) claimed : allowed;
        byte[] data = zip.readNBytes(expected);
        // Reading past the end makes ZipInputStream check the size and CRC the header promised.
        if (zip.read() != -1) {
            throw new IOException(current.getName() + " holds more than " + expected + " bytes");
        }
        return data;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
