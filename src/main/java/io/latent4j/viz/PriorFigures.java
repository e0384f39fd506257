package io.latent4j.viz;

import io.latent4j.Autoencoder;

import java.awt.image.BufferedImage;

/**
 * A variational autoencoder's figures of its prior N(0, I): the manifold over the prior's
 * quantiles (as the Keras VAE example draws it: a grid evenly spaced in probability, mapped through
 * the normal inverse CDF, so each tile stands for an equal share of the prior's mass) and a grid of
 * images decoded from points drawn from the prior.
 */
final class PriorFigures {
    /** Tiles per side of the quantile manifold, as in the Keras example. */
    static final int MANIFOLD_SIDE = 20;
    /** The quantiles at the manifold's edges. */
    static final double LOW_QUANTILE = 0.05;
    static final double HIGH_QUANTILE = 0.95;
    /** Samples per side of the samples figure. */
    static final int SAMPLES_SIDE = 10;
    /** The seed of the samples figure's draws. */
    static final long SAMPLES_SEED = 42;

    private PriorFigures() {
    }

    /** {@code norm.ppf(np.linspace(0.05, 0.95, n))[i]}: the i-th grid coordinate in the latent space. */
    static double quantilePoint(int i, int n) {
        return inverseNormalCdf(LOW_QUANTILE + (HIGH_QUANTILE - LOW_QUANTILE) * i / (n - 1));
    }

    /**
     * The decoded quantile grid as a canvas: column j at Z1 = quantilePoint(j), row 0 at the top
     * holding the largest Z2, as {@link ManifoldGrid} lays out its tiles.
     */
    static float[][] quantileManifold(Autoencoder ae) {
        int n = MANIFOLD_SIDE;
        float[][] points = new float[n * n][];
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                points[row * n + col] = new float[] {(float) quantilePoint(col, n), (float) quantilePoint(n - 1 - row, n)};
            }
        }
        return ManifoldGrid.tile(ae.decode(points), n, n, Figures.side(ae));
    }

    /** {@link #SAMPLES_SIDE}^2 images generated from the prior with {@link #SAMPLES_SEED}, tiled. */
    static BufferedImage samples(Autoencoder ae) {
        int n = SAMPLES_SIDE;
        return ManifoldGrid.render(ManifoldGrid.tile(ae.sample(n * n, SAMPLES_SEED), n, n, Figures.side(ae)));
    }

    /**
     * The standard normal's quantile function, by Acklam's rational approximations (relative
     * error below 1.2e-9, far finer than a figure needs).
     */
    static double inverseNormalCdf(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a probability strictly between 0 and 1, got " + p);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        double x;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - low) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        return x;
    }
}
