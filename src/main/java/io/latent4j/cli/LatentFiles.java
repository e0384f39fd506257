package io.latent4j.cli;

import io.latent4j.files.AtomicFiles;
import io.latent4j.files.FileNames;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Latent codes as files: CSV with a {@code z1,z2,...[,label]} header, or the two TSV files the
 * TensorFlow Embedding Projector loads (vectors without header; metadata with the labels).
 */
final class LatentFiles {
    private LatentFiles() {
    }

    /** Rows written, and the files that hold them. */
    record Written(long rows, List<Path> files) {
    }

    /** Whether {@code out} asks for the Embedding Projector layout. */
    static boolean isTsv(Path out) {
        return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv");
    }

    /** The metadata file that accompanies a vectors TSV: {@code z.tsv} to {@code z-metadata.tsv}. */
    static Path metadataFor(Path vectors) {
        return FileNames.sibling(vectors, "-metadata.tsv");
    }

    /**
     * Writes codes to {@code out} (CSV, or TSV pair by extension), each file atomically, the TSV pair
     * so that new vectors never stand beside old metadata.
     *
     * @param labels one per row, or null
     */
    static Written write(Path out, int latentSize, Iterator<float[]> codes, int[] labels, Runnable perRow)
            throws IOException {
        long[] count = new long[1];
        if (!isTsv(out)) {
            AtomicFiles.write(out, stream -> {
                BufferedWriter w = writer(stream);
                List<String> header = new ArrayList<>();
                for (int i = 1; i <= latentSize; i++) {
                    header.add("z" + i);
                }
                if (labels != null) {
                    header.add("label");
                }
                w.write(String.join(",", header));
                w.newLine();
                while (codes.hasNext()) {
                    float[] z = codes.next();
                    w.write(join(z, ','));
                    if (labels != null) {
                        w.write("," + labelOf(labels, count[0]));
                    }
                    w.newLine();
                    count[0]++;
                    perRow.run();
                }
                checkLabelCount(labels, count[0]);
                w.flush();
            });
            return new Written(count[0], List.of(out));
        }
        // The metadata describes the vectors row by row: it is never left beside vectors of another run.
        Path metadata = metadataFor(out);
        AtomicFiles.writePair(out, stream -> {
            BufferedWriter w = writer(stream);
            while (codes.hasNext()) {
                w.write(join(codes.next(), '\t'));
                w.newLine();
                count[0]++;
                perRow.run();
            }
            checkLabelCount(labels, count[0]);
            w.flush();
        }, metadata, labels == null ? null : stream -> {
            // A single-column metadata file has no header row, as the Embedding Projector expects.
            BufferedWriter w = writer(stream);
            for (int label : labels) {
                w.write(Integer.toString(label));
                w.newLine();
            }
            w.flush();
        });
        return new Written(count[0], labels == null ? List.of(out) : List.of(out, metadata));
    }

    static int labelOf(int[] labels, long row) throws IOException {
        if (row >= labels.length) {
            throw new IOException("there are more images than the " + labels.length + " labels given");
        }
        return labels[(int) row];
    }

    static void checkLabelCount(int[] labels, long rows) throws IOException {
        if (labels != null && labels.length != rows) {
            throw new IOException(rows + " images but " + labels.length + " labels: image and label files must match");
        }
    }

    private static BufferedWriter writer(java.io.OutputStream stream) {
        return new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    private static String join(float[] values, char separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(values[i]);
        }
        return sb.toString();
    }

    /** Longest line read from a latent CSV: far above any real row of codes. */
    static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * Streams latent rows from a CSV written by {@link #write} (header {@code z1..zk}, perhaps a
     * label column), or from plain rows of exactly k numbers, one line at a time: memory stays
     * bounded by the longest line whatever the file's length. A header naming other codes than
     * z1..zk, a row of another width or a cell that is not a finite number is an error naming the
     * file and the row (rows are numbered as the file's lines, from 1).
     */
    static final class LatentReader implements java.util.Iterator<float[]>, java.io.Closeable {
        private final Path file;
        private final int latentSize;
        private final java.io.InputStream in;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        private int[] columns;
        private int width;
        private long lineNumber;
        private long rows;
        private float[] pending;

        private LatentReader(Path file, int latentSize, java.io.InputStream in) {
            this.file = file;
            this.latentSize = latentSize;
            this.in = in;
        }

        static LatentReader open(Path file, int latentSize) throws IOException {
            if (!Files.exists(file)) {
                throw new IOException(file + ": no such file");
            }
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": is not a regular file");
            }
            return new LatentReader(file, latentSize, new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16));
        }

        @Override
        public boolean hasNext() {
            try {
                while (pending == null) {
                    String text = nextLine();
                    if (text == null) {
                        if (rows == 0) {
                            throw new IOException(file + ": no latent rows");
                        }
                        return false;
                    }
                    text = text.strip();
                    if (!text.isEmpty()) {
                        pending = parse(text.split("[,\t]", -1));
                    }
                }
                return true;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public float[] next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            float[] row = pending;
            pending = null;
            rows++;
            return row;
        }

        /** The next line without its end, a UTF-8 byte order mark dropped; null at the end of the file. */
        private String nextLine() throws IOException {
            line.reset();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() == MAX_LINE_BYTES) {
                    throw new IOException(file + ": row " + (lineNumber + 1) + " is longer than " + MAX_LINE_BYTES
                            + " bytes: not a CSV of latent codes");
                }
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
            lineNumber++;
            String text = line.toString(StandardCharsets.UTF_8);
            return lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text;
        }

        private float[] parse(String[] cells) throws IOException {
            if (columns == null) {
                columns = latentColumns(cells);
                width = columns == null ? latentSize : cells.length;
                if (columns != null) {
                    return null;
                }
                columns = new int[latentSize];
                for (int i = 0; i < latentSize; i++) {
                    columns[i] = i;
                }
            }
            if (cells.length != width) {
                throw new IOException(file + ": row " + lineNumber + " has " + cells.length + " columns, expected " + width
                        + (width == latentSize ? " (the model's latent space is " + latentSize + "-D)" : " like the header"));
            }
            float[] z = new float[latentSize];
            for (int i = 0; i < latentSize; i++) {
                String cell = cells[columns[i]].trim();
                try {
                    z[i] = Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    z[i] = Float.NaN;
                }
                if (!Float.isFinite(z[i])) {
                    throw new IOException(file + ": row " + lineNumber + ", column " + columns[i] + ": '" + cell
                            + "' is not a finite number");
                }
            }
            return z;
        }

        /** Positions of z1..zk in a header row, or null when the row is data. */
        private int[] latentColumns(String[] header) throws IOException {
            List<String> names = new ArrayList<>();
            for (String cell : header) {
                names.add(cell.trim().toLowerCase(Locale.ROOT));
            }
            try {
                Float.parseFloat(names.get(0));
                return null;
            } catch (NumberFormatException e) {
                int codes = (int) names.stream().filter(n -> n.matches("z[0-9]+")).count();
                int[] columns = new int[latentSize];
                for (int i = 0; i < latentSize; i++) {
                    columns[i] = names.indexOf("z" + (i + 1));
                }
                if (codes != latentSize || java.util.Arrays.stream(columns).anyMatch(c -> c < 0)) {
                    throw new IOException(file + ": header " + names + " does not name the columns z1..z" + latentSize
                            + " of the model's " + latentSize + "-D latent space");
                }
                return columns;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
