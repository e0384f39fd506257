package io.latent4j.viz;

import io.latent4j.Autoencoder;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * The tutorial's manifold: images decoded from an {@code nx x ny} grid of evenly spaced points in a
 * 2-D latent space, tiled into one canvas. Row 0 at the top holds the largest Z2, column 0 the
 * smallest Z1, as in the tutorial's {@code canvas[(ny-i-1)*28:(ny-i)*28, j*28:(j+1)*28]}.
 *
 * @param z1Min smallest Z1 (leftmost column)
 * @param z1Max largest Z1 (rightmost column)
 * @param z2Min smallest Z2 (bottom row)
 * @param z2Max largest Z2 (top row)
 * @param nx    number of columns
 * @param ny    number of rows
 */
public record ManifoldGrid(double z1Min, double z1Max, double z2Min, double z2Max, int nx, int ny) {
    /** The tutorial's colour limits. */
    public static final double CLIM_MIN = 0;
    public static final double CLIM_MAX = 1;

    public ManifoldGrid {
        for (double v : new double[] {z1Min, z1Max, z2Min, z2Max}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("grid ranges must be finite numbers");
            }
        }
        if (!(z1Min < z1Max) || !(z2Min < z2Max)) {
            throw new IllegalArgumentException("empty range: need z1 " + z1Min + " < " + z1Max + " and z2 " + z2Min
                    + " < " + z2Max);
        }
        if (nx < 2 || ny < 2 || nx > 200 || ny > 200) {
            throw new IllegalArgumentException("grid size must be 2..200 per side, got " + nx + "x" + ny);
        }
    }

    /** The tutorial's grid: Z1 in [-8, 4], Z2 in [-2, 6], 20x20. */
    public static ManifoldGrid tutorial() {
        return new ManifoldGrid(-8, 4, -2, 6, 20, 20);
    }

    /**
     * A grid spanning the 1st to 99th percentile of each latent coordinate of {@code codes}, so it
     * covers where the data is, whatever the scale a training run produced.
     */
    public static ManifoldGrid covering(float[][] codes, int nx, int ny) {
        return new ManifoldGrid(percentile(codes, 0, 0.01), percentile(codes, 0, 0.99),
                percentile(codes, 1, 0.01), percentile(codes, 1, 0.99), nx, ny);
    }

    static double percentile(float[][] codes, int column, double q) {
        double[] values = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            values[i] = codes[i][column];
        }
        Arrays.sort(values);
        double pos = q * (values.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(values.length - 1, lo + 1);
        return values[lo] + (values[hi] - values[lo]) * (pos - lo);
    }

    /** {@code np.linspace(z1Min, z1Max, nx)[j]}. */
    public double z1(int j) {
        return z1Min + (z1Max - z1Min) * j / (nx - 1);
    }

    /** {@code np.linspace(z2Min, z2Max, ny)[i]}. */
    public double z2(int i) {
        return z2Min + (z2Max - z2Min) * i / (ny - 1);
    }

    /** The latent point decoded into the tile at canvas row {@code row} (0 = top), column {@code col}. */
    public float[] pointAt(int row, int col) {
        return new float[] {(float) z1(col), (float) z2(ny - 1 - row)};
    }

    /** Decodes every grid point and tiles the images: a {@code (side*ny) x (side*nx)} pixel canvas. */
    public float[][] decode(Autoencoder ae) {
        if (ae.latentSize() != 2) {
            throw new IllegalArgumentException("the manifold needs a 2-D latent space; this model's is "
                    + ae.latentSize() + "-D");
        }
        int side = Figures.side(ae);
        float[][] points = new float[nx * ny][];
        for (int row = 0; row < ny; row++) {
            for (int col = 0; col < nx; col++) {
                points[row * nx + col] = pointAt(row, col);
            }
        }
        return tile(ae.decode(points), nx, ny, side);
    }

    /** Square images of {@code side} pixels, row by row, tiled {@code nx} across and {@code ny} down. */
    static float[][] tile(float[][] images, int nx, int ny, int side) {
        float[][] canvas = new float[side * ny][side * nx];
        for (int row = 0; row < ny; row++) {
            for (int col = 0; col < nx; col++) {
                float[] image = images[row * nx + col];
                for (int y = 0; y < side; y++) {
                    System.arraycopy(image, y * side, canvas[row * side + y], col * side, side);
                }
            }
        }
        return canvas;
    }

    /** The canvas through the jet colour map with the tutorial's clim (0, 1), one pixel per value. */
    public static BufferedImage render(float[][] canvas) {
        BufferedImage image = new BufferedImage(canvas[0].length, canvas.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < canvas.length; y++) {
            for (int x = 0; x < canvas[y].length; x++) {
                image.setRGB(x, y, JetColorMap.rgb(canvas[y][x], CLIM_MIN, CLIM_MAX));
            }
        }
        return image;
    }
}
