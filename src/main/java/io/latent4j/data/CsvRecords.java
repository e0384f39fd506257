package io.latent4j.data;

import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.datavec.api.writable.Writable;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The data rows of a CSV file, read with DataVec's {@link CSVRecordReader} and checked one by
 * one: every cell a finite number (except the label column), every row as wide as the first.
 * Header lines are skipped only when asked; blank lines are skipped. A UTF-8 byte order mark is
 * dropped, and lines are capped at {@link #MAX_LINE_BYTES} so that a hostile file cannot make
 * the reader buffer an endless line. Rows are numbered as the file's lines, from 1.
 */
final class CsvRecords implements Iterator<CsvRecords.Row>, AutoCloseable {
    /** Longest line read: far above any real table's row (about 100,000 numeric columns). */
    static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * One data row.
     *
     * @param features the numeric cells, label column left out
     * @param label    the label cell as written (trimmed), or null without a label column
     * @param row      the row's line number in the file, from 1
     */
    record Row(float[] features, String label, long row) {
    }

    private final Path file;
    private final CSVRecordReader reader;
    private final String labelName;
    private final String labelSpec;
    private int labelIndex = -1;
    private int width = -1;
    private long lineNumber;
    private Row pending;

    private CsvRecords(Path file, CSVRecordReader reader, String labelSpec, String labelName, long skipped) {
        this.file = file;
        this.reader = reader;
        this.labelSpec = labelSpec;
        this.labelName = labelName;
        this.lineNumber = skipped;
    }

    /**
     * Opens {@code file}, skips {@code layout.skipLines()} lines and resolves the label column
     * (an index, or a name looked up in the last skipped line).
     */
    static CsvRecords open(Path file, TrainingSources.CsvLayout layout) throws IOException {
        checkRegularFile(file);
        InputStream in = new BoundedLines(file, new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        CSVRecordReader reader = new CSVRecordReader(0, ',');
        try {
            reader.setCharset(StandardCharsets.UTF_8.name());
            reader.initialize(new InputStreamInputSplit(in, file.toUri()));
            List<String> header = List.of();
            for (int i = 0; i < layout.skipLines(); i++) {
                if (!hasNextRecord(file, reader)) {
                    throw new IOException(file + ": has " + i + " lines, fewer than the " + layout.skipLines()
                            + " header lines to skip");
                }
                header = cells(file, reader);
            }
            String name = null;
            String spec = layout.labelColumn();
            if (spec != null && !isIndex(spec)) {
                if (layout.skipLines() == 0) {
                    throw new IOException(file + ": label column '" + spec
                            + "' is a name, but no header line is skipped: skip the header line or give the column's index");
                }
                int index = header.indexOf(spec);
                if (index < 0) {
                    throw new IOException(file + ": no column '" + spec + "' in header line " + layout.skipLines()
                            + " (columns: " + String.join(", ", header) + ")");
                }
                name = spec;
                spec = Integer.toString(index);
            }
            return new CsvRecords(file, reader, spec, name, layout.skipLines());
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        } catch (InterruptedException e) {
            reader.close();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(file + ": interrupted while opening");
        }
    }

    /** Fails unless {@code file} is a readable regular file: a device such as /dev/zero never ends. */
    static void checkRegularFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + ": is not readable (check its permissions)");
        }
    }

    /** The name of the label column as the header gives it, or its index. */
    String labelColumnName() {
        return labelName != null ? labelName : labelSpec;
    }

    /** Whether the rows carry a label cell. */
    boolean labelled() {
        return labelSpec != null;
    }

    /** Feature columns per row, known once the first row has been read (else -1). */
    int featureColumns() {
        return width < 0 ? -1 : width - (labelled() ? 1 : 0);
    }

    /** The file read. */
    Path file() {
        return file;
    }

    @Override
    public boolean hasNext() {
        try {
            while (pending == null) {
                if (!hasNextRecord(file, reader)) {
                    return false;
                }
                List<String> cells = cells(file, reader);
                lineNumber++;
                if (!(cells.size() == 1 && cells.get(0).isBlank())) {
                    pending = parse(cells);
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = pending;
        pending = null;
        return row;
    }

    private Row parse(List<String> cells) throws IOException {
        if (width < 0) {
            width = cells.size();
            if (labelSpec != null) {
                long index = labelSpec.length() > 9 ? Long.MAX_VALUE : Long.parseLong(labelSpec);
                if (index >= width) {
                    throw new IOException(file + ": label column " + labelSpec + " is out of range: row "
                            + lineNumber + " has " + width + " columns (0-" + (width - 1) + ")");
                }
                labelIndex = (int) index;
                if (width == 1) {
                    throw new IOException(file + ": the label column is the only column: no features to train on");
                }
            }
        } else if (cells.size() != width) {
            throw new IOException(file + ": row " + lineNumber + " has " + cells.size() + " columns, expected "
                    + width + " like row 1 of the data: every row needs the same columns");
        }
        float[] features = new float[width - (labelIndex >= 0 ? 1 : 0)];
        String label = null;
        int next = 0;
        for (int c = 0; c < width; c++) {
            String cell = cells.get(c).trim();
            if (c == labelIndex) {
                if (cell.isEmpty()) {
                    throw new IOException(file + ": row " + lineNumber + ", column " + c
                            + ": the label cell is empty: give every row a label");
                }
                label = cell;
                continue;
            }
            features[next++] = number(cell, c);
        }
        return new Row(features, label, lineNumber);
    }

    private float number(String cell, int column) throws IOException {
        float value;
        try {
            value = Float.parseFloat(cell);
        } catch (NumberFormatException e) {
            value = Float.NaN;
        }
        if (!Float.isFinite(value)) {
            String hint = lineNumber == 1 ? " (if the first line is a header, skip the header line)" : "";
            throw new IOException(file + ": row " + lineNumber + ", column " + column + ": '" + cell
                    + "' is not a finite number" + hint);
        }
        return value;
    }

    private static boolean isIndex(String spec) {
        return !spec.isEmpty() && spec.chars().allMatch(Character::isDigit);
    }

    /**
     * Reading the next line: the reader's line iterator reports our stream's
     * {@link IOException} wrapped in an unchecked one; this hands it back as it was.
     */
    private static boolean hasNextRecord(Path file, CSVRecordReader reader) throws IOException {
        try {
            return reader.hasNext();
        } catch (RuntimeException e) {
            throw unwrap(file, e);
        }
    }

    private static List<String> cells(Path file, CSVRecordReader reader) throws IOException {
        try {
            List<Writable> record = reader.next();
            List<String> cells = new ArrayList<>(record.size());
            for (Writable w : record) {
                cells.add(w.toString());
            }
            return cells;
        } catch (RuntimeException e) {
            throw unwrap(file, e);
        }
    }

    private static IOException unwrap(Path file, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io.getMessage() != null && io.getMessage().startsWith(file.toString()) ? io
                        : new IOException(file + ": cannot be read (" + io.getMessage() + ")", io);
            }
        }
        return new IOException(file + ": is not valid CSV (" + e.getMessage() + ")", e);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** Drops a leading UTF-8 byte order mark and refuses lines longer than {@link #MAX_LINE_BYTES}. */
    private static final class BoundedLines extends FilterInputStream {
        private final Path file;
        private long lines = 1;
        private int lineBytes;
        private boolean started;

        BoundedLines(Path file, InputStream in) {
            super(in);
            this.file = file;
        }

        private void skipByteOrderMark() throws IOException {
            started = true;
            in.mark(3);
            if (!(in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF)) {
                in.reset();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!started) {
                skipByteOrderMark();
            }
            int n = in.read(b, off, len);
            for (int i = off; i < off + n; i++) {
                if (b[i] == '\n') {
                    lines++;
                    lineBytes = 0;
                } else if (++lineBytes > MAX_LINE_BYTES) {
                    throw new IOException(file + ": row " + lines + " is longer than " + MAX_LINE_BYTES
                            + " bytes: not a CSV of numeric rows");
                }
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
