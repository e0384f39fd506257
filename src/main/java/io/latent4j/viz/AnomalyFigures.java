package io.latent4j.viz;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalDouble;

/** The anomaly section's figures: the error histogram, the ROC curves, the most and least typical images. */
final class AnomalyFigures {
    /** Bars of the histogram. */
    static final int BINS = 60;
    /** Errors above this quantile of all of them share the last bar, so a few outliers do not squash the rest. */
    static final double CLIP_LEVEL = 0.995;

    private AnomalyFigures() {
    }

    /** What the anomaly score is, for titles and axes: e.g. "reconstruction error", "Reconstruction error", "MSE per row". */
    record Measure(String name, String title, String unit) {
        static Measure of(io.latent4j.Autoencoder ae) {
            return ae.variational() ? new Measure("negative log-probability", "Negative log-probability", "nats per row")
                    : new Measure("reconstruction error", "Reconstruction error", "MSE per row");
        }
    }

    /**
     * The errors of the rows of the training classes and of the others (empty: none), each as a
     * share of its own rows, with the threshold marked when there is one.
     */
    static BufferedImage histogram(double[] normal, String normalName, double[] other, String otherName,
                                   OptionalDouble threshold, String thresholdName, Measure measure) {
        double[] all = new double[normal.length + other.length];
        System.arraycopy(normal, 0, all, 0, normal.length);
        System.arraycopy(other, 0, all, normal.length, other.length);
        Arrays.sort(all);
        double upper = io.latent4j.ErrorDistribution.quantile(all, CLIP_LEVEL);
        if (!(upper > 0)) {
            upper = Math.max(all[all.length - 1], 1e-12);
        }
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.RELATIVE_FREQUENCY);
        data.addSeries(normalName + " (" + normal.length + " rows)", clipped(normal, upper), BINS, 0, upper);
        if (other.length > 0) {
            data.addSeries(otherName + " (" + other.length + " rows)", clipped(other, upper), BINS, 0, upper);
        }
        JFreeChart chart = ChartFactory.createHistogram(measure.title() + " of the test rows",
                String.format(Locale.ROOT, "%s (%s; above %.3g in the last bar)", measure.name(), measure.unit(), upper),
                "share of the group's rows", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = style(chart);
        XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            Color c = Figures.TAB10[s];
            renderer.setSeriesPaint(s, new Color(c.getRed(), c.getGreen(), c.getBlue(), 140));
        }
        threshold.ifPresent(t -> {
            ValueMarker marker = new ValueMarker(t, Color.BLACK, new BasicStroke(2));
            marker.setLabel(String.format(Locale.ROOT, "threshold %.3g (%s)", t, thresholdName));
            marker.setLabelFont(Figures.LABEL);
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(marker);
        });
        return chart.createBufferedImage(1000, 550);
    }

    private static double[] clipped(double[] values, double upper) {
        return Arrays.stream(values).map(v -> Math.min(v, upper)).toArray();
    }

    /** ROC curves ({@link io.latent4j.train.AnomalyMetrics#rocCurve} rows) of the autoencoder and the PCA baseline. */
    static BufferedImage roc(double[][] autoencoder, double autoencoderAuc, double[][] pca, double pcaAuc, int components) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series(String.format(Locale.ROOT, "autoencoder (AUC %.3f)", autoencoderAuc), autoencoder));
        data.addSeries(series(String.format(Locale.ROOT, "PCA-%d reconstruction (AUC %.3f)", components, pcaAuc), pca));
        data.addSeries(series("chance", new double[][] {{0, 1}, {0, 1}}));
        JFreeChart chart = ChartFactory.createXYLineChart("ROC: other rows (positive) against the training classes",
                "false-positive rate", "true-positive rate (recall)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = style(chart);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1.01);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, Figures.TAB10[0]);
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setSeriesPaint(1, Figures.TAB10[1]);
        renderer.setSeriesStroke(1, new BasicStroke(2));
        renderer.setSeriesPaint(2, Color.GRAY);
        renderer.setSeriesStroke(2, new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
        plot.setRenderer(renderer);
        return chart.createBufferedImage(800, 700);
    }

    private static XYSeries series(String name, double[][] curve) {
        XYSeries series = new XYSeries(name, false, true);
        for (int i = 0; i < curve[0].length; i++) {
            series.add(curve[0][i], curve[1][i]);
        }
        return series;
    }

    private static XYPlot style(JFreeChart chart) {
        chart.getTitle().setFont(Figures.TITLE);
        chart.getLegend().setItemFont(Figures.LABEL);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.getDomainAxis().setLabelFont(Figures.LABEL);
        plot.getRangeAxis().setLabelFont(Figures.LABEL);
        return plot;
    }

    /**
     * Two rows of images: the lowest-error test images (most typical of the training data) and
     * the highest-error ones, each with its class and error beneath.
     */
    static BufferedImage examples(float[][] typical, String[] typicalNotes, float[][] atypical, String[] atypicalNotes,
                                  int side, Measure measure) {
        int tile = side * 4;
        int gap = 16;
        int n = Math.max(typical.length, atypical.length);
        int left = 40;
        BufferedImage image = Figures.blank(left + n * (tile + gap) + 20, 2 * tile + 185);
        Graphics2D g = Figures.graphics(image);
        drawRow(g, "Most typical: lowest " + measure.name(), typical, typicalNotes, left, 40, tile, gap, side);
        drawRow(g, "Least typical: highest " + measure.name(), atypical, atypicalNotes, left, 40 + tile + 90, tile, gap,
                side);
        g.dispose();
        return image;
    }

    private static void drawRow(Graphics2D g, String title, float[][] images, String[] notes, int left, int top, int tile,
                                int gap, int side) {
        g.setFont(Figures.TITLE);
        g.setColor(Color.BLACK);
        g.drawString(title, left, top - 8);
        for (int i = 0; i < images.length; i++) {
            int x = left + i * (tile + gap);
            g.drawImage(Pngs.grey(images[i], side), x, top + 4, tile, tile, null);
            Figures.centered(g, notes[i], Figures.LABEL, x + tile / 2, top + tile + 26);
        }
    }
}
