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
     * Writes codes to {@code out} (CSV, or TSV pair by extension), each file atomically.
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
        AtomicFiles.write(out, stream -> {
            BufferedWriter w = writer(stream);
            while (codes.hasNext()) {
                w.write(join(codes.next(), '\t'));
                w.newLine();
                count[0]++;
                perRow.run();
            }
            checkLabelCount(labels, count[0]);
            w.flush();
        });
        if (labels == null) {
            return new Written(count[0], List.of(out));
        }
        Path metadata = metadataFor(out);
        // A single-column metadata file has no header row, as the Embedding Projector expects.
        AtomicFiles.write(metadata, stream -> {
            BufferedWriter w = writer(stream);
            for (int label : labels) {
                w.write(Integer.toString(label));
                w.newLine();
            }
            w.flush();
        });
        return new Written(count[0], List.of(out, metadata));
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

    /** Reads latent rows from a CSV written by {@link #write}, or any CSV whose columns are the codes. */
    static List<float[]> readCsv(Path file, int latentSize) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<float[]> rows = new ArrayList<>();
        int[] columns = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("[,\t]", -1);
            if (columns == null) {
                columns = latentColumns(cells, latentSize);
                if (columns != null) {
                    continue;
                }
                columns = new int[latentSize];
                for (int i = 0; i < latentSize; i++) {
                    columns[i] = i;
                }
            }
            float[] z = new float[latentSize];
            for (int i = 0; i < latentSize; i++) {
                if (columns[i] >= cells.length) {
                    throw new IOException(file + ": line " + (n + 1) + " has " + cells.length + " columns, expected at least "
                            + (columns[i] + 1));
                }
                try {
                    z[i] = Float.parseFloat(cells[columns[i]].trim());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": line " + (n + 1) + ": '" + cells[columns[i]].trim() + "' is not a number");
                }
            }
            rows.add(z);
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no latent rows");
        }
        return rows;
    }

    /** Positions of z1..zk in a header row, or null when the row is data. */
    private static int[] latentColumns(String[] header, int latentSize) throws IOException {
        List<String> names = new ArrayList<>();
        for (String cell : header) {
            names.add(cell.trim().toLowerCase(Locale.ROOT));
        }
        try {
            Float.parseFloat(names.get(0));
            return null;
        } catch (NumberFormatException e) {
            int[] columns = new int[latentSize];
            for (int i = 0; i < latentSize; i++) {
                columns[i] = names.indexOf("z" + (i + 1));
                if (columns[i] < 0) {
                    throw new IOException("header " + names + " lacks column z" + (i + 1));
                }
            }
            return columns;
        }
    }
}
