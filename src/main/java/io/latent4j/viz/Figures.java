package io.latent4j.viz;

import io.latent4j.Autoencoder;
import io.latent4j.ModelCard;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The tutorial's figures as images: reconstructions, the latent space, generation from a chosen
 * point, the labelled manifold, the loss curve and an interpolation. Charts use JFreeChart; image
 * grids are drawn directly. Nothing here opens a window.
 */
public final class Figures {
    /** Matplotlib's default colour cycle (tab10), so the scatter looks like the notebook's. */
    static final Color[] TAB10 = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 22);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    private static final int SCALE = 5;

    private Figures() {
    }

    /** Side of the square images a model produces (28 for MNIST). */
    public static int side(Autoencoder ae) {
        int side = squareSide(ae.inputSize());
        if (side == 0) {
            throw new IllegalArgumentException("the model's " + ae.inputSize() + " outputs are not a square image");
        }
        return side;
    }

    /** The side of a square image of {@code width} pixels, or 0 when {@code width} is not a square. */
    public static int squareSide(int width) {
        int side = (int) Math.round(Math.sqrt(width));
        return side * side == width ? side : 0;
    }

    /**
     * The tutorial's "Input Image" / "Reconstructed Image" pair for {@code inputs[0]}, above a grid
     * of every input (top row) and its reconstruction (bottom row).
     */
    public static BufferedImage reconstruction(float[][] inputs, float[][] reconstructions, int side) {
        int tile = side * SCALE;
        int n = inputs.length;
        int small = side * 3;
        int pairGap = 120;
        int width = Math.max(2 * tile + pairGap + 200, n * (small + 8) + 200);
        int height = 60 + tile + 70 + 2 * (small + 8) + 30;
        BufferedImage image = blank(width, height);
        Graphics2D g = graphics(image);
        int left = (width - (2 * tile + pairGap)) / 2;
        centered(g, "Input Image", TITLE, left + tile / 2, 40);
        centered(g, "Reconstructed Image", TITLE, left + tile + pairGap + tile / 2, 40);
        g.drawImage(Pngs.grey(inputs[0], side), left, 55, tile, tile, null);
        g.drawImage(Pngs.grey(reconstructions[0], side), left + tile + pairGap, 55, tile, tile, null);
        int gridTop = 55 + tile + 60;
        g.setFont(LABEL);
        g.setColor(Color.BLACK);
        g.drawString(n + " test digits", 20, gridTop - 12);
        g.drawString("input", 20, gridTop + small / 2 + 6);
        g.drawString("reconstruction", 20, gridTop + small + 8 + small / 2 + 6);
        for (int i = 0; i < n; i++) {
            int x = 160 + i * (small + 8);
            g.drawImage(Pngs.grey(inputs[i], side), x, gridTop, small, small, null);
            g.drawImage(Pngs.grey(reconstructions[i], side), x, gridTop + small + 8, small, small, null);
        }
        g.dispose();
        return image;
    }

    /** A scatter of latent codes coloured by digit, optionally with a marked point. */
    public static JFreeChart latentChart(float[][] codes, int[] labels, float[] marked) {
        return latentChart(codes, labels, String::valueOf, "Z1", "Z2", marked);
    }

    /** As {@link #latentChart(float[][], int[], float[])}, with class names and axis labels. */
    static JFreeChart latentChart(float[][] codes, int[] labels, java.util.function.IntFunction<String> names,
                                  String xAxis, String yAxis, float[] marked) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Integer> digits = java.util.Arrays.stream(labels).distinct().sorted().boxed().toList();
        for (int digit : digits) {
            XYSeries series = new XYSeries("label = " + names.apply(digit), false, true);
            for (int i = 0; i < codes.length; i++) {
                if (labels[i] == digit) {
                    series.add(codes[i][0], codes[i][1]);
                }
            }
            data.addSeries(series);
        }
        if (marked != null) {
            XYSeries point = new XYSeries("generate", false, true);
            point.add(marked[0], marked[1]);
            data.addSeries(point);
        }
        JFreeChart chart = ChartFactory.createScatterPlot("Latent space", xAxis, yAxis, data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.getTitle().setFont(TITLE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.getDomainAxis().setLabelFont(LABEL);
        plot.getRangeAxis().setLabelFont(LABEL);
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int s = 0; s < digits.size(); s++) {
            renderer.setSeriesPaint(s, TAB10[s % TAB10.length]);
            renderer.setSeriesShape(s, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        if (marked != null) {
            renderer.setSeriesPaint(digits.size(), Color.BLACK);
            renderer.setSeriesShape(digits.size(), new Ellipse2D.Double(-8, -8, 16, 16));
        }
        chart.getLegend().setItemFont(LABEL);
        return chart;
    }

    /** The latent-space scatter of the tutorial's section 2.10. */
    public static BufferedImage latentSpace(float[][] codes, int[] labels) {
        return latentChart(codes, labels, null).createBufferedImage(1000, 600);
    }

    /** The scatter with class names and axis labels of the caller's choosing. */
    static BufferedImage latentSpace(float[][] codes, int[] labels, java.util.function.IntFunction<String> names,
                                     String xAxis, String yAxis) {
        return latentChart(codes, labels, names, xAxis, yAxis, null).createBufferedImage(1000, 600);
    }

    /** The scatter with the chosen point marked, beside the image the decoder generates from it. */
    public static BufferedImage generation(float[][] codes, int[] labels, float[] point, float[] generated, int side) {
        BufferedImage chart = latentChart(codes, labels, point).createBufferedImage(1000, 600);
        int tile = side * 12;
        BufferedImage image = blank(1000 + tile + 60, 600);
        Graphics2D g = graphics(image);
        g.drawImage(chart, 0, 0, null);
        int left = 1000 + 30;
        centered(g, "Generate Image", TITLE, left + tile / 2, 40);
        g.drawImage(Pngs.grey(generated, side), left, 60, tile, tile, null);
        g.setFont(LABEL);
        g.setColor(Color.BLACK);
        centered(g, String.format(Locale.ROOT, "z = (%.2f, %.2f)", point[0], point[1]), LABEL, left + tile / 2, 60 + tile + 30);
        g.dispose();
        return image;
    }

    /** The manifold canvas with the tutorial's title and axis labels, and the grid's ranges. */
    public static BufferedImage manifoldLabeled(BufferedImage canvas, ManifoldGrid grid) {
        int margin = 80;
        BufferedImage image = blank(canvas.getWidth() + 2 * margin, canvas.getHeight() + 2 * margin);
        Graphics2D g = graphics(image);
        centered(g, "Manifold", TITLE, margin + canvas.getWidth() / 2, 45);
        g.drawImage(canvas, margin, margin, null);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawRect(margin - 1, margin - 1, canvas.getWidth() + 1, canvas.getHeight() + 1);
        int bottom = margin + canvas.getHeight();
        centered(g, "Z1", LABEL, margin + canvas.getWidth() / 2, bottom + 50);
        g.setFont(LABEL);
        g.drawString(format(grid.z1Min()), margin, bottom + 22);
        String right = format(grid.z1Max());
        g.drawString(right, margin + canvas.getWidth() - g.getFontMetrics().stringWidth(right), bottom + 22);
        String top = format(grid.z2Max());
        String low = format(grid.z2Min());
        g.drawString(top, margin - 8 - g.getFontMetrics().stringWidth(top), margin + 14);
        g.drawString(low, margin - 8 - g.getFontMetrics().stringWidth(low), bottom);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        centered(rotated, "Z2", LABEL, -(margin + canvas.getHeight() / 2), margin - 30);
        rotated.dispose();
        g.dispose();
        return image;
    }

    /** The batch loss at every logged iteration. */
    public static BufferedImage loss(List<ModelCard.LossPoint> log, List<ModelCard.LossPoint> steps) {
        // Every step first, so the logged points are drawn over it.
        XYSeriesCollection series = new XYSeriesCollection();
        XYSeries every = new XYSeries("every step: the batch before its update (MSE)");
        steps.forEach(p -> every.add(p.iteration(), p.loss()));
        series.addSeries(every);
        XYSeries logged = new XYSeries("logged cost: the batch after its update (MSE)");
        log.forEach(p -> logged.add(p.iteration(), p.loss()));
        series.addSeries(logged);
        JFreeChart chart = ChartFactory.createXYLineChart("Training loss", "iteration", "batch MSE",
                series, PlotOrientation.VERTICAL, true, false, false);
        chart.getTitle().setFont(TITLE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        // A log scale keeps the slow late decrease visible next to the first, large cost; ticks at
        // quarter decades with plain decimals (JFreeChart's default is sparse powers of ten).
        org.jfree.chart.axis.LogAxis logAxis = new org.jfree.chart.axis.LogAxis("batch MSE (log scale)");
        logAxis.setLabelFont(LABEL);
        logAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.25));
        logAxis.setNumberFormatOverride(new java.text.DecimalFormat("0.000",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
        plot.setRangeAxis(logAxis);
        plot.getDomainAxis().setLabelFont(LABEL);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(TAB10[1].getRed(), TAB10[1].getGreen(), TAB10[1].getBlue(), 110));
        renderer.setSeriesStroke(0, new BasicStroke(0.8f));
        renderer.setSeriesVisibleInLegend(0, !steps.isEmpty());
        renderer.setSeriesPaint(1, TAB10[0]);
        renderer.setSeriesStroke(1, new BasicStroke(2));
        renderer.setSeriesShapesVisible(1, true);
        plot.setRenderer(renderer);
        return chart.createBufferedImage(900, 500);
    }

    /**
     * Decoded images along the straight line between two latent codes, with the two original
     * images at the ends.
     */
    public static BufferedImage interpolation(float[] from, int fromLabel, float[] to, int toLabel,
                                              float[][] path, int side) {
        int tile = side * 3;
        int gap = 6;
        int n = path.length + 2;
        BufferedImage image = blank(40 + n * (tile + gap) + 20, tile + 120);
        Graphics2D g = graphics(image);
        centered(g, "Interpolation in latent space: " + fromLabel + " to " + toLabel, TITLE, image.getWidth() / 2, 35);
        int y = 60;
        for (int i = 0; i < n; i++) {
            float[] pixels = i == 0 ? from : i == n - 1 ? to : path[i - 1];
            int x = 40 + i * (tile + gap);
            g.drawImage(Pngs.grey(pixels, side), x, y, tile, tile, null);
        }
        g.setFont(LABEL);
        g.setColor(Color.BLACK);
        g.drawString("input", 40, y + tile + 25);
        centered(g, "decoded along the line", LABEL, image.getWidth() / 2, y + tile + 25);
        g.drawString("input", 40 + (n - 1) * (tile + gap), y + tile + 25);
        g.dispose();
        return image;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        return g;
    }

    static void centered(Graphics2D g, String text, Font font, int centerX, int baseline) {
        g.setFont(font);
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, centerX - metrics.stringWidth(text) / 2, baseline);
    }
}
