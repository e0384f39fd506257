package io.latent4j;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How badly a model reconstructs the rows it was trained on: the distribution of their
 * {@linkplain Autoencoder#reconstructionErrors(float[][]) reconstruction errors}, measured after
 * training and recorded in the model card, so a loaded model has an anomaly threshold with no
 * data at hand: rows whose error exceeds the training rows' {@link #DEFAULT_LEVEL} quantile are
 * unlike what the model was trained on.
 *
 * <p><b>Quantiles</b> are Hyndman and Fan's type 7 (R's default, NumPy's {@code linear}): with the
 * {@code n} errors sorted, {@code e[0] <= ... <= e[n-1]}, and {@code h = (n - 1) * level}, the
 * quantile is {@code e[floor(h)] + (h - floor(h)) * (e[floor(h) + 1] - e[floor(h)])}; level 0 is
 * the minimum, level 1 the maximum. Only the levels in {@link #LEVELS} are recorded: a level
 * between them would be a guess about the distribution, so {@link #quantile(double)} answers only
 * for recorded ones.
 *
 * @param count     training rows measured
 * @param mean      their mean error
 * @param max       their largest error
 * @param quantiles the error at each level of {@link #LEVELS}, in that order
 */
public record ErrorDistribution(long count, double mean, double max, List<Quantile> quantiles) {
    /** The quantile levels training records. */
    public static final List<Double> LEVELS = List.of(0.5, 0.9, 0.95, 0.99, 0.999);
    /** The level whose quantile is a loaded model's default anomaly threshold. */
    public static final double DEFAULT_LEVEL = 0.99;

    /** The training rows' error at quantile {@code level}. */
    public record Quantile(double level, double value) {
    }

    public ErrorDistribution {
        Objects.requireNonNull(quantiles, "quantiles");
        quantiles = List.copyOf(quantiles);
        if (count < 1) {
            throw new IllegalArgumentException("an error distribution needs at least one row, got " + count);
        }
        if (!(mean >= 0 && Double.isFinite(mean)) || !(max >= 0 && Double.isFinite(max))) {
            throw new IllegalArgumentException("errors must be finite and non-negative: mean " + mean + ", max " + max);
        }
        double previous = 0;
        for (Quantile q : quantiles) {
            if (!(q.level() > 0 && q.level() < 1) || !(q.value() >= previous && q.value() <= max)) {
                throw new IllegalArgumentException("quantiles must have levels in (0, 1) and values rising up to the "
                        + "maximum, got " + quantiles);
            }
            previous = q.value();
        }
    }

    /** The distribution of {@code errors} (one per training row; the array is left alone). */
    public static ErrorDistribution of(double[] errors) {
        if (errors.length == 0) {
            throw new IllegalArgumentException("no errors to summarise");
        }
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double e : sorted) {
            sum += e;
        }
        List<Quantile> quantiles = LEVELS.stream().map(level -> new Quantile(level, quantile(sorted, level))).toList();
        return new ErrorDistribution(sorted.length, sum / sorted.length, sorted[sorted.length - 1], quantiles);
    }

    /** The type-7 quantile (see the class comment) of ascending {@code sorted} values at {@code level} in [0, 1]. */
    public static double quantile(double[] sorted, double level) {
        if (sorted.length == 0 || !(level >= 0 && level <= 1)) {
            throw new IllegalArgumentException("need values and a level in [0, 1], got " + sorted.length + " values and "
                    + level);
        }
        double h = (sorted.length - 1) * level;
        int low = (int) Math.floor(h);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    /** The recorded quantile at {@code level}, or empty when that level is not one of {@link #LEVELS}. */
    public OptionalDouble quantile(double level) {
        for (Quantile q : quantiles) {
            if (q.level() == level) {
                return OptionalDouble.of(q.value());
            }
        }
        return OptionalDouble.empty();
    }

    /** The recorded levels as text, e.g. {@code 0.5, 0.9, 0.95, 0.99, 0.999}, for messages. */
    public String levelsText() {
        return String.join(", ", quantiles.stream().map(q -> String.format(Locale.ROOT, "%s", q.level())).toList());
    }
}
