package io.latent4j.cli;

import io.latent4j.files.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Anomaly scores as CSV: {@code id,error,anomalous[,label]} (a variational autoencoder's column is
 * {@code neg_log_probability}), one line per row in input order, {@code id} from 0.
 */
final class ScoreFile {
    private ScoreFile() {
    }

    /**
     * Rows written, how many were flagged, and every row's error when there were labels (for
     * the separation measures; without labels nothing is kept, whatever the input's length).
     */
    record Written(long rows, long flagged, double[] errors) {
    }

    /**
     * Writes the scores atomically: a row is anomalous when its score is above {@code threshold}.
     *
     * @param column the score column's name
     * @param labels one per row, or null
     */
    static Written write(Path out, String column, Iterator<Double> errors, double threshold, int[] labels, Runnable perRow)
            throws IOException {
        long[] counts = new long[2];
        double[] kept = labels == null ? null : new double[labels.length];
        AtomicFiles.write(out, stream -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            w.write("id," + column + ",anomalous" + (labels == null ? "" : ",label"));
            w.newLine();
            while (errors.hasNext()) {
                double error = errors.next();
                long row = counts[0];
                boolean anomalous = error > threshold;
                w.write(row + "," + error + "," + anomalous);
                if (labels != null) {
                    int label = LatentFiles.labelOf(labels, row);
                    kept[(int) row] = error;
                    w.write("," + label);
                }
                w.newLine();
                counts[0]++;
                counts[1] += anomalous ? 1 : 0;
                perRow.run();
            }
            LatentFiles.checkLabelCount(labels, counts[0]);
            w.flush();
        });
        return new Written(counts[0], counts[1], kept);
    }
}
