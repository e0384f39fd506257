package io.latent4j.viz;

/**
 * Matplotlib's {@code jet} colour map, the tutorial's choice for the manifold, evaluated from the
 * same piecewise-linear segment data so the colours match the notebook's.
 */
public final class JetColorMap {
    private static final double[][] RED = {{0, 0}, {0.35, 0}, {0.66, 1}, {0.89, 1}, {1, 0.5}};
    private static final double[][] GREEN = {{0, 0}, {0.125, 0}, {0.375, 1}, {0.64, 1}, {0.91, 0}, {1, 0}};
    private static final double[][] BLUE = {{0, 0.5}, {0.11, 1}, {0.34, 1}, {0.65, 0}, {1, 0}};

    private JetColorMap() {
    }

    /**
     * The colour of {@code value} with colour limits {@code [min, max]} (values outside are
     * clamped, as matplotlib's {@code clim} does), as packed 0xRRGGBB.
     */
    public static int rgb(double value, double min, double max) {
        double t = (value - min) / (max - min);
        t = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        return channel(RED, t) << 16 | channel(GREEN, t) << 8 | channel(BLUE, t);
    }

    private static int channel(double[][] segments, double t) {
        for (int i = 1; i < segments.length; i++) {
            if (t <= segments[i][0]) {
                double[] a = segments[i - 1];
                double[] b = segments[i];
                double v = a[1] + (b[1] - a[1]) * (t - a[0]) / (b[0] - a[0]);
                return (int) Math.round(v * 255);
            }
        }
        return (int) Math.round(segments[segments.length - 1][1] * 255);
    }
}
