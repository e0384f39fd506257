package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.ErrorDistribution;
import io.latent4j.ModelCard;
import io.latent4j.data.IdxLabels;
import io.latent4j.data.PixelSource;
import io.latent4j.train.AnomalyMetrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code score}: every row's reconstruction error, flagged against a threshold, and with labels how well it separates. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score rows by reconstruction error (anomaly detection): writes id,error,anomalous[,label] for "
                + "every row, in input order.",
                "error is the row's mean squared reconstruction error in the model's space (pixels in [0, 1], or the "
                + "min-max scaled features of a CSV model); anomalous is error > threshold, by default the training "
                + "rows' 99th percentile of error recorded in the model card.",
                "A variational autoencoder (train --kind vae) is scored by its negative reconstruction log-probability "
                + "in nats (16 draws per row, seeded) instead: column neg_log_probability.",
                "With --labels, also prints ROC AUC, average precision, and recall and false-positive rate at the "
                + "threshold, anomalous (the positive class) being every row whose label is not in --normal-labels."},
        footer = {"", "Exit codes: 0 success, 1 failure (a file), 2 usage error."})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Mixin
    RowInput rows;

    @Mixin
    CsvLayoutOptions csv;

    @Option(names = "--labels", paramLabel = "IDX",
            description = "IDX label file (plain or .gz), one label per row: adds a label column and the separation measures.")
    Path labels;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output CSV.")
    Path out;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Flag rows with error above T (default: the training rows' q0.99 from the model card).")
    Double threshold;

    @Option(names = "--threshold-quantile", paramLabel = "Q",
            description = "Flag rows with error above the training rows' quantile Q, one of those the card records: "
                    + "0.5, 0.9, 0.95, 0.99 (the default) or 0.999.")
    Double thresholdQuantile;

    @Option(names = "--normal-labels", paramLabel = "L", split = ",", splitSynopsisLabel = ",",
            description = "With --labels: the labels of normal rows; every other label is anomalous (default: the "
                    + "classes the model was trained on, from its card, e.g. 1,5,6).")
    List<String> normalLabels;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.ParentCommand
    Main main;

    /** The threshold in use and where it came from, as the output names it: {@code training q0.99} or {@code given}. */
    record Threshold(double value, String origin) {
    }

    @Override
    public Integer call() throws Exception {
        rows.validate(spec);
        Set<Integer> normal = parsedNormalLabels();
        checkThresholdOptions();
        common.applyThreads(spec);
        Autoencoder ae = model.load();
        rows.checkBatchFits(ae, spec);
        Threshold chosen = threshold(ae);
        int[] labelValues = labels == null ? null : IdxLabels.read(labels);
        if (labelValues != null && normal == null) {
            normal = trainedClasses(ae);
        }
        ScoreFile.Written written;
        double seconds;
        try (PixelSource source = rows.open(ae, spec, csv, labels, labelValues);
             RowInput.Progress progress = new RowInput.Progress(source, main.terminal, common.quiet,
                     spec.commandLine().getErr(), "Scoring", "scored")) {
            written = ScoreFile.write(out, ae.variational() ? "neg_log_probability" : "error",
                    ae.anomalyScoresAll(source, rows.batchSize), chosen.value(), labelValues, progress);
            seconds = progress.seconds();
        } catch (IllegalArgumentException e) {
            throw new IOException(rows.input + ": " + e.getMessage(), e);
        }
        PrintWriter printed = spec.commandLine().getOut();
        printed.printf(Locale.ROOT, "Scored %,d rows in %.2f s: %,d flagged anomalous (%.1f%%) with %s above %s; wrote %s%n",
                written.rows(), seconds, written.flagged(), 100.0 * written.flagged() / written.rows(),
                ae.variational() ? "negative log-probability" : "error", describe(chosen), out);
        if (labelValues != null) {
            printed.println(separation(written.errors(), labelValues, normal, chosen));
        }
        return 0;
    }

    /**
     * The separation line, in the one form scripts read, or why there is none: ROC AUC, average
     * precision, and recall and false-positive rate at the threshold; anomalous rows are positive.
     */
    static String separation(double[] errors, int[] labels, Set<Integer> normal, Threshold threshold) {
        boolean[] anomalous = new boolean[labels.length];
        long positives = 0;
        for (int i = 0; i < labels.length; i++) {
            anomalous[i] = !normal.contains(labels[i]);
            positives += anomalous[i] ? 1 : 0;
        }
        if (positives == 0 || positives == labels.length) {
            return String.format(Locale.ROOT, "Separation not measured: %s of the %,d labelled rows have a normal label %s",
                    positives == 0 ? "all" : "none", labels.length, new TreeSet<>(normal));
        }
        AnomalyMetrics.AtThreshold at = AnomalyMetrics.atThreshold(errors, anomalous, threshold.value());
        return String.format(Locale.ROOT, "ROC AUC %.3f, average precision %.2f, recall %.2f and false-positive rate %.3f "
                + "at threshold %s", AnomalyMetrics.rocAuc(errors, anomalous), AnomalyMetrics.averagePrecision(errors, anomalous),
                at.recall(), at.falsePositiveRate(), describe(threshold));
    }

    static String describe(Threshold threshold) {
        return String.format(Locale.ROOT, "%.3g (%s)", threshold.value(), threshold.origin());
    }

    private void checkThresholdOptions() {
        if (threshold != null && thresholdQuantile != null) {
            throw usage("give --threshold or --threshold-quantile, not both");
        }
        if (threshold != null && !(threshold >= 0 && Double.isFinite(threshold))) {
            throw usage("--threshold must be a finite error of 0 or more, got " + threshold);
        }
        if (thresholdQuantile != null && !ErrorDistribution.LEVELS.contains(thresholdQuantile)) {
            throw usage("--threshold-quantile must be one of the quantiles the model card records ("
                    + String.join(", ", ErrorDistribution.LEVELS.stream().map(String::valueOf).toList()) + "), got "
                    + thresholdQuantile + "; for another threshold give --threshold T");
        }
    }

    /** The threshold the options ask for; a model whose card records no distribution needs --threshold. */
    private Threshold threshold(Autoencoder ae) throws IOException {
        if (threshold != null) {
            return new Threshold(threshold, "given");
        }
        double level = thresholdQuantile != null ? thresholdQuantile : ErrorDistribution.DEFAULT_LEVEL;
        ErrorDistribution errors = ae.trainingErrors().orElseThrow(() -> new IOException(model.model
                + ": its model card records no training error distribution (trained by an earlier latent4j, or its "
                + "card is missing); give --threshold T, or retrain it"));
        return new Threshold(errors.quantile(level).orElseThrow(), "training q" + level);
    }

    /** --normal-labels as numbers, or null when not given; a bad value is a usage error. */
    private Set<Integer> parsedNormalLabels() {
        if (normalLabels == null) {
            return null;
        }
        if (labels == null) {
            throw usage("--normal-labels goes with --labels");
        }
        Set<Integer> parsed = new TreeSet<>();
        for (String label : normalLabels) {
            try {
                parsed.add(Integer.parseInt(label.trim()));
            } catch (NumberFormatException e) {
                throw usage("--normal-labels must be label values like 1,5,6; got '" + label + "'");
            }
        }
        return parsed;
    }

    /** The classes the model was trained on, as label values, from its card. */
    private Set<Integer> trainedClasses(Autoencoder ae) {
        List<Integer> digits = ae.card().map(ModelCard::digits).orElse(List.of());
        if (digits.isEmpty()) {
            throw usage("the model's card names no numeric training classes to take as normal; give --normal-labels L,L,...");
        }
        return new TreeSet<>(digits);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
