package io.latent4j.viz;

import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.Histogram;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DL4J's {@link StatsListener} with the same reports, whose statistics (mean, standard deviation,
 * mean magnitude, histogram of every parameter, gradient, update and activation array) are
 * computed in one pass over a heap copy of each array instead of six ND4J reductions per array.
 * On the tutorial network DL4J's way cost more than the 25 training steps between two reports.
 * The session's static information and the report format are DL4J's own: the listener's first
 * call is DL4J's, and its reports are {@link StatsReport}s built through DL4J's API, so the
 * training UI and stats files cannot tell the difference.
 */
final class FastStatsListener extends StatsListener {
    private final int every;
    private final StatsUpdateConfiguration config;
    private final Map<StatsType, Map<String, Summary>> sampled = new EnumMap<>(StatsType.class);
    private final Map<String, long[]> gcAtLastReport = new HashMap<>();
    /** The iteration of the last {@code iterationDone}; the listener samples when it is a multiple of {@link #every}. */
    private int lastIteration;
    private boolean started;
    private long startTime;
    private long lastReportTime;
    private long examples;
    private long batches;
    private long examplesSinceReport;
    private long batchesSinceReport;

    FastStatsListener(StatsStorageRouter router, int every) {
        super(router, every);
        this.every = every;
        this.config = getUpdateConfig();
    }

    /** One array's summary, as DL4J's UI shows it. */
    record Summary(double mean, double stdev, double meanMagnitude, Histogram histogram) {
        /** Mean, sample standard deviation, mean |x| and an {@code bins}-bin histogram over [min, max]. */
        static Summary of(float[] values, int bins) {
            double sum = 0;
            double magnitudes = 0;
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                sum += v;
                magnitudes += Math.abs(v);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double mean = sum / values.length;
            double squares = 0;
            int[] counts = new int[bins];
            double width = ((double) max - min) / bins;
            for (float v : values) {
                double d = v - mean;
                squares += d * d;
                int bin = width > 0 ? (int) ((v - min) / width) : 0;
                counts[Math.min(bins - 1, Math.max(0, bin))]++;
            }
            double stdev = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
            return new Summary(mean, stdev, magnitudes / values.length, new Histogram(min, max, bins, counts));
        }
    }

    private boolean sampling() {
        return lastIteration % every == 0;
    }

    private boolean collects(StatsType type) {
        return config.collectHistograms(type) || config.collectMean(type) || config.collectStdev(type)
                || config.collectMeanMagnitudes(type);
    }

    private Map<String, Summary> summarise(Map<String, INDArray> arrays, StatsType type) {
        Map<String, Summary> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            out.put(e.getKey(), Summary.of(heapCopy(e.getValue()), config.numHistogramBins(type)));
        }
        return out;
    }

    /** The values in any order: every statistic here is independent of it. */
    private static float[] heapCopy(INDArray array) {
        boolean whole = !array.isView() && array.dataType() == DataType.FLOAT && array.data().length() == array.length();
        return (whole ? array : array.castTo(DataType.FLOAT).dup()).data().asFloat();
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (sampling() && collects(StatsType.Activations)) {
            Map<String, INDArray> named = new LinkedHashMap<>();
            for (int i = 0; i < activations.size(); i++) {
                named.put(i == 0 ? "input" : String.valueOf(i - 1), activations.get(i));
            }
            sampled.put(StatsType.Activations, summarise(named, StatsType.Activations));
        }
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        if (sampling() && collects(StatsType.Activations)) {
            sampled.put(StatsType.Activations, summarise(activations, StatsType.Activations));
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (sampling() && collects(StatsType.Gradients)) {
            sampled.put(StatsType.Gradients, summarise(model.gradient().gradientForVariable(), StatsType.Gradients));
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        long now = System.currentTimeMillis();
        int batch = model.batchSize();
        examples += batch;
        batches++;
        examplesSinceReport += batch;
        batchesSinceReport++;
        if (!started) {
            // DL4J's first call records the session: model, hardware and software information.
            super.iterationDone(model, iteration, epoch);
            started = true;
            startTime = now;
            lastReportTime = now;
            lastIteration = iteration;
            return;
        }
        if (every > 1 && (iteration == 0 || iteration % every != 0)) {
            lastIteration = iteration;
            return;
        }
        StatsReport report = getNewStatsReport();
        report.reportIDs(sessionIdOf(model), TYPE_ID, getWorkerID(), now);
        if (config.collectPerformanceStats()) {
            double seconds = Math.max(now - lastReportTime, 1) / 1000.0;
            report.reportPerformance(now - startTime, examples, batches, examplesSinceReport / seconds,
                    batchesSinceReport / seconds);
        }
        examplesSinceReport = 0;
        batchesSinceReport = 0;
        if (config.collectMemoryStats()) {
            Runtime runtime = Runtime.getRuntime();
            report.reportMemoryUse(runtime.totalMemory(), runtime.maxMemory(), Pointer.totalBytes(), Pointer.maxBytes(),
                    null, null);
        }
        if (config.collectGarbageCollectionStats()) {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                long[] last = gcAtLastReport.put(gc.getName(), new long[] {gc.getCollectionCount(), gc.getCollectionTime()});
                if (last != null) {
                    report.reportGarbageCollection(gc.getName(), (int) (gc.getCollectionCount() - last[0]),
                            (int) (gc.getCollectionTime() - last[1]));
                }
            }
        }
        report.reportScore(model.score());
        if (config.collectLearningRates() && model instanceof MultiLayerNetwork net) {
            report.reportLearningRates(learningRates(net));
        }
        Map<StatsType, Map<String, Summary>> all = new EnumMap<>(sampled);
        if (collects(StatsType.Parameters)) {
            all.put(StatsType.Parameters, summarise(model.paramTable(true), StatsType.Parameters));
        }
        if (collects(StatsType.Updates)) {
            all.put(StatsType.Updates, summarise(model.gradient().gradientForVariable(), StatsType.Updates));
        }
        for (StatsType type : StatsType.values()) {
            reportSummaries(report, type, all.getOrDefault(type, Map.of()));
        }
        report.reportStatsCollectionDurationMS((int) (System.currentTimeMillis() - now));
        report.reportIterationCount(iteration);
        getStorageRouter().putUpdate(report);
        lastReportTime = now;
        lastIteration = iteration;
        sampled.clear();
    }

    /**
     * The session DL4J's first report recorded {@code model} under: a layer trained on its own (a
     * variational autoencoder's step) is its own session, {@code <session>_layer<index>}.
     */
    private String sessionIdOf(Model model) {
        return model instanceof Layer layer && !(model instanceof MultiLayerNetwork)
                ? getSessionID() + "_layer" + layer.getIndex() : getSessionID();
    }

    private void reportSummaries(StatsReport report, StatsType type, Map<String, Summary> summaries) {
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        Map<String, Double> means = new LinkedHashMap<>();
        Map<String, Double> stdevs = new LinkedHashMap<>();
        Map<String, Double> magnitudes = new LinkedHashMap<>();
        summaries.forEach((name, s) -> {
            histograms.put(name, s.histogram());
            means.put(name, s.mean());
            stdevs.put(name, s.stdev());
            magnitudes.put(name, s.meanMagnitude());
        });
        if (config.collectHistograms(type)) {
            report.reportHistograms(type, histograms);
        }
        if (config.collectMean(type)) {
            report.reportMean(type, means);
        }
        if (config.collectStdev(type)) {
            report.reportStdev(type, stdevs);
        }
        if (config.collectMeanMagnitudes(type)) {
            report.reportMeanMagnitudes(type, magnitudes);
        }
    }

    /** Each parameter's learning rate at the layer's current iteration, keyed as DL4J's UI expects ("0_W"). */
    private static Map<String, Double> learningRates(MultiLayerNetwork net) {
        Map<String, Double> rates = new HashMap<>();
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            Layer layer = layers[i];
            for (String param : layer.paramTable(true).keySet()) {
                double rate = layer.conf().getLayer().getUpdaterByParam(param)
                        .getLearningRate(layer.getIterationCount(), layer.getEpochCount());
                rates.put(i + "_" + param, Double.isNaN(rate) ? 0.0 : rate);
            }
        }
        return rates;
    }
}
