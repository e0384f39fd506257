package io.latent4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * Rows of numbers from a CSV file, one row per line, comma-separated. A first line that is not
 * numeric is taken as a header and skipped; blank lines are skipped. Values are used as they are
 * (pixels are expected in [0, 1]; the encoder checks).
 */
public final class CsvRows implements PixelSource {
    private final Path file;
    private final BufferedReader reader;
    private String pending;
    private long lineNumber;
    private boolean firstLine = true;

    private CsvRows(Path file, BufferedReader reader) {
        this.file = file;
        this.reader = reader;
    }

    public static CsvRows open(Path file) throws IOException {
        IdxHeader.checkReadableFile(file);
        return new CsvRows(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.empty();
    }

    @Override
    public boolean hasNext() {
        try {
            while (pending == null) {
                String line = reader.readLine();
                if (line == null) {
                    return false;
                }
                lineNumber++;
                boolean header = firstLine && !line.isBlank() && !looksNumeric(line);
                firstLine = firstLine && line.isBlank();
                if (!line.isBlank() && !header) {
                    pending = line;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(file + ": cannot be read (" + e.getMessage() + ")", e));
        }
    }

    @Override
    public float[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = pending;
        pending = null;
        String[] cells = line.split(",", -1);
        float[] row = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            try {
                row[i] = Float.parseFloat(cells[i].trim());
            } catch (NumberFormatException e) {
                throw new UncheckedIOException(new IOException(file + ": line " + lineNumber + ", column " + (i + 1)
                        + ": '" + cells[i].trim() + "' is not a number"));
            }
        }
        return row;
    }

    private static boolean looksNumeric(String line) {
        String first = line.split(",", 2)[0].trim();
        try {
            Float.parseFloat(first);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
