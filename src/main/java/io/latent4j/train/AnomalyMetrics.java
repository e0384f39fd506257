package io.latent4j.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well a score separates anomalous rows (the positive class) from normal ones, the higher the
 * score the more anomalous: ROC AUC, average precision, the ROC curve, and recall and
 * false-positive rate at a threshold.
 *
 * <p>ROC AUC is the Mann-Whitney statistic: the probability that a random anomalous row scores
 * above a random normal one, ties counting one half (computed with midranks). Average precision
 * is scikit-learn's {@code average_precision_score}: the sum over distinct scores, from the
 * highest down, of the precision of the rows scoring at least that much times the recall it adds;
 * rows with equal scores enter together.
 */
public final class AnomalyMetrics {
    private AnomalyMetrics() {
    }

    /**
     * Recall and false-positive rate of flagging the rows scoring above a threshold.
     *
     * @param flagged rows above the threshold
     */
    public record AtThreshold(double recall, double falsePositiveRate, long flagged) {
    }

    /** ROC AUC (see the class comment); needs at least one row of each class. */
    public static double rocAuc(double[] scores, boolean[] positive) {
        long positives = check(scores, positive);
        long negatives = scores.length - positives;
        Integer[] ascending = order(scores);
        double positiveRanks = 0;
        for (int start = 0; start < ascending.length; ) {
            int end = endOfTies(scores, ascending, start);
            // Ranks start + 1 .. end share their mean.
            double midrank = (start + 1 + end) / 2.0;
            for (int i = start; i < end; i++) {
                if (positive[ascending[i]]) {
                    positiveRanks += midrank;
                }
            }
            start = end;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Average precision (see the class comment); needs at least one row of each class. */
    public static double averagePrecision(double[] scores, boolean[] positive) {
        long positives = check(scores, positive);
        Integer[] descending = reversed(order(scores));
        double sum = 0;
        long truePositives = 0;
        for (int start = 0; start < descending.length; ) {
            int end = endOfTies(scores, descending, start);
            long added = IntStream.range(start, end).filter(i -> positive[descending[i]]).count();
            truePositives += added;
            sum += (double) added / positives * truePositives / end;
            start = end;
        }
        return sum;
    }

    /**
     * The ROC curve: false-positive rates (first row) and true-positive rates (second) of flagging
     * the rows scoring at least each distinct score, from the highest down, after the point (0, 0).
     */
    public static double[][] rocCurve(double[] scores, boolean[] positive) {
        long positives = check(scores, positive);
        long negatives = scores.length - positives;
        Integer[] descending = reversed(order(scores));
        double[] fpr = new double[scores.length + 1];
        double[] tpr = new double[scores.length + 1];
        int points = 1;
        long tp = 0;
        long fp = 0;
        for (int start = 0; start < descending.length; ) {
            int end = endOfTies(scores, descending, start);
            for (int i = start; i < end; i++) {
                if (positive[descending[i]]) {
                    tp++;
                } else {
                    fp++;
                }
            }
            fpr[points] = (double) fp / negatives;
            tpr[points] = (double) tp / positives;
            points++;
            start = end;
        }
        return new double[][] {Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points)};
    }

    /** Recall and false-positive rate of flagging the rows whose score is above {@code threshold}. */
    public static AtThreshold atThreshold(double[] scores, boolean[] positive, double threshold) {
        long positives = check(scores, positive);
        long negatives = scores.length - positives;
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > threshold) {
                if (positive[i]) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        return new AtThreshold((double) tp / positives, (double) fp / negatives, tp + fp);
    }

    /** Rejects mismatched, non-finite or one-class input; returns the number of positives. */
    private static long check(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " classes");
        }
        long positives = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is " + scores[i]);
            }
            positives += positive[i] ? 1 : 0;
        }
        if (positives == 0 || positives == scores.length) {
            throw new IllegalArgumentException("separation needs rows of both classes; got " + positives + " anomalous of "
                    + scores.length);
        }
        return positives;
    }

    private static Integer[] order(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }

    private static Integer[] reversed(Integer[] order) {
        Integer[] out = new Integer[order.length];
        for (int i = 0; i < order.length; i++) {
            out[i] = order[order.length - 1 - i];
        }
        return out;
    }

    /** The end (exclusive) of the run of equal scores that starts at {@code start} of {@code order}. */
    private static int endOfTies(double[] scores, Integer[] order, int start) {
        int end = start + 1;
        while (end < order.length && scores[order[end]] == scores[order[start]]) {
            end++;
        }
        return end;
    }
}
