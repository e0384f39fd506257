package io.latent4j.viz;

import io.latent4j.Autoencoder;
import io.latent4j.ErrorDistribution;
import io.latent4j.data.FloatRows;
import io.latent4j.data.LabeledRows;
import io.latent4j.model.FeatureScaling;
import io.latent4j.train.AnomalyMetrics;
import io.latent4j.train.PcaBaseline;
import io.latent4j.train.ReconstructionMetrics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The report's anomaly section: how well the model's anomaly score (reconstruction error; for a
 * variational autoencoder, negative log-probability) tells the test rows of the classes the model
 * was trained on from other rows, beside the PCA baseline's reconstruction error.
 */
final class AnomalyReport {
    /** Images in each row of the examples figure. */
    static final int EXAMPLES = 8;

    private AnomalyReport() {
    }

    /**
     * The rows compared.
     *
     * @param rows    the test rows in the caller's units (what the model takes)
     * @param scaled  the same rows in the model's space (what the PCA baseline takes)
     * @param labels  their classes
     * @param other   whether each row's class was left out of training
     * @param train   the training rows in the model's space, to fit the PCA baseline on
     */
    record Rows(float[][] rows, INDArray scaled, int[] labels, boolean[] other, INDArray train) {
        /**
         * Test rows and, when there are any, test rows of other classes, for a model trained on
         * {@code trained} (rows of any class outside it count as other).
         */
        static Rows of(LabeledRows test, LabeledRows others, Set<Integer> trained, INDArray train, FeatureScaling scaling) {
            INDArray scaled = others == null ? test.features() : Nd4j.vstack(test.features(), others.features());
            int[] labels = others == null ? test.labels()
                    : IntStream.concat(Arrays.stream(test.labels()), Arrays.stream(others.labels())).toArray();
            float[][] rows = FloatRows.of(scaled);
            if (scaling != null) {
                for (float[] row : rows) {
                    scaling.revert(row);
                }
            }
            boolean[] other = new boolean[labels.length];
            for (int i = 0; i < labels.length; i++) {
                other[i] = !trained.contains(labels[i]);
            }
            return new Rows(rows, scaled, labels, other, train);
        }

    }

    /** The figures written and the sections that show them. */
    record Drawn(List<Path> files, List<ReportSection> sections) {
    }

    /**
     * Draws the section's figures into {@code dir} ({@code anomaly-examples.png} only for square
     * images) and writes its words.
     *
     * @param names      the name of each class
     * @param normalName what the rows of the training classes are, e.g. "digits 1, 5, 6"
     * @param otherName  what the other rows are, e.g. "other digits"
     * @param side       the side of the square images, or 0 when rows are not images
     * @param code       the notebook cell after the first section, or null
     */
    static Drawn draw(Autoencoder ae, Rows rows, IntFunction<String> names, String normalName, String otherName,
                      Path dir, int side, NotebookCode.Cell code) throws IOException {
        double[] errors = ae.anomalyScores(rows.rows());
        AnomalyFigures.Measure measure = AnomalyFigures.Measure.of(ae);
        String score = ae.variational() ? "negative log-probability" : "error";
        OptionalDouble threshold = ae.anomalyThreshold();
        String thresholdName = "training q" + ErrorDistribution.DEFAULT_LEVEL;
        double[] normal = select(errors, rows.other(), false);
        double[] other = select(errors, rows.other(), true);
        List<Path> files = new ArrayList<>();
        List<ReportSection> sections = new ArrayList<>();

        files.add(ReportExporter.write(AnomalyFigures.histogram(normal, normalName, other, otherName, threshold,
                thresholdName, measure), dir, "anomaly-scores.png"));
        StringBuilder text = new StringBuilder("### Anomaly scores (beyond the tutorial)\n\n" + (ae.variational()
                ? "A row's anomaly score is minus its reconstruction log-probability, -E_q[log p(x|z)] in nats from "
                + io.latent4j.train.VariationalMetrics.SCORE_SAMPLES + " draws of z from the row's posterior (An and Cho "
                + "2015): the variational autoencoder learned to give " + normalName + " a high probability, and rows "
                + "unlike them get less. "
                : "A row's anomaly score is its reconstruction error, the mean of (x - r)^2 over its values: the "
                + "autoencoder learned to reconstruct " + normalName + ", and rows unlike them it reconstructs worse. "));
        text.append(threshold.isPresent() ? String.format(Locale.ROOT, "The threshold is the training rows' 99th "
                + "percentile of %s, recorded in the model card: %.5f; rows above it are flagged.", score,
                threshold.getAsDouble())
                : "This model's card records no training score distribution, so there is no threshold.");
        text.append(" The `score` command writes every row's " + score + " and flag.\n\n| test rows | rows | mean " + score
                + " | above the threshold |\n|---|---|---|---|\n");
        row(text, normalName + " (trained on)", normal, threshold);
        if (other.length > 0) {
            row(text, otherName, other, threshold);
        } else {
            text.append("\nEvery test row is of the training classes: there are no other rows to separate them from.\n");
        }
        sections.add(new ReportSection(text.toString(), "anomaly-scores.png", measure.title() + " of the test rows",
                code));

        if (other.length > 0) {
            int components = ae.latentSize();
            PcaBaseline pca = PcaBaseline.fit(rows.train(), components);
            double[] pcaErrors = ReconstructionMetrics.rowSquaredErrors(rows.scaled(), pca::reconstruct);
            for (int i = 0; i < pcaErrors.length; i++) {
                pcaErrors[i] /= rows.scaled().columns();
            }
            double auc = AnomalyMetrics.rocAuc(errors, rows.other());
            double pcaAuc = AnomalyMetrics.rocAuc(pcaErrors, rows.other());
            files.add(ReportExporter.write(AnomalyFigures.roc(AnomalyMetrics.rocCurve(errors, rows.other()), auc,
                    AnomalyMetrics.rocCurve(pcaErrors, rows.other()), pcaAuc, components), dir, "anomaly-roc.png"));
            StringBuilder roc = new StringBuilder(String.format(Locale.ROOT, "### How well the score separates%n%n"
                    + "The %s as the positive class against the %s: ROC AUC %.3f for the autoencoder's " + score + " and %.3f for "
                    + "the error of the best %d-component PCA fitted on the same training rows; average precision %.3f and "
                    + "%.3f (by chance: %.3f, the share of positives).", otherName, normalName, auc, pcaAuc, components,
                    AnomalyMetrics.averagePrecision(errors, rows.other()),
                    AnomalyMetrics.averagePrecision(pcaErrors, rows.other()), (double) other.length / errors.length));
            threshold.ifPresent(t -> {
                AnomalyMetrics.AtThreshold at = AnomalyMetrics.atThreshold(errors, rows.other(), t);
                roc.append(String.format(Locale.ROOT, " At the threshold: recall %.3f, false-positive rate %.3f.",
                        at.recall(), at.falsePositiveRate()));
            });
            sections.add(new ReportSection(roc.append('\n').toString(), "anomaly-roc.png", "ROC curves", null));
        }

        if (side > 0) {
            Integer[] order = IntStream.range(0, errors.length).boxed().sorted(Comparator.comparingDouble(i -> errors[i]))
                    .toArray(Integer[]::new);
            int n = Math.min(EXAMPLES, errors.length);
            int[] lowest = IntStream.range(0, n).map(i -> order[i]).toArray();
            int[] highest = IntStream.range(0, n).map(i -> order[order.length - 1 - i]).toArray();
            files.add(ReportExporter.write(AnomalyFigures.examples(ReportExporter.pick(rows.rows(), lowest),
                    notes(lowest, rows, errors, names), ReportExporter.pick(rows.rows(), highest),
                    notes(highest, rows, errors, names), side, measure), dir, "anomaly-examples.png"));
            sections.add(new ReportSection("### Most and least typical\n\nThe " + n + " test images of lowest " + score
                    + " (top) and the " + n + " of highest (bottom), with their class and " + score + ".\n",
                    "anomaly-examples.png", "Most and least typical test images", null));
        }
        return new Drawn(files, sections);
    }

    private static String[] notes(int[] picked, Rows rows, double[] errors, IntFunction<String> names) {
        return Arrays.stream(picked).mapToObj(i -> String.format(Locale.ROOT, "%s: %.4f", names.apply(rows.labels()[i]),
                errors[i])).toArray(String[]::new);
    }

    private static void row(StringBuilder text, String name, double[] errors, OptionalDouble threshold) {
        text.append("| ").append(name).append(" | ").append(errors.length).append(" | ")
                .append(ReportExporter.f(Arrays.stream(errors).average().orElse(Double.NaN))).append(" | ")
                .append(threshold.isPresent() ? String.format(Locale.ROOT, "%.1f%%",
                        100.0 * Arrays.stream(errors).filter(e -> e > threshold.getAsDouble()).count() / errors.length) : "-")
                .append(" |\n");
    }

    private static double[] select(double[] values, boolean[] flags, boolean wanted) {
        return IntStream.range(0, values.length).filter(i -> flags[i] == wanted).mapToDouble(i -> values[i]).toArray();
    }
}
