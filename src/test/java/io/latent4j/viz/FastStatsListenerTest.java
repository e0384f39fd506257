package io.latent4j.viz;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.train.Trainer;
import io.latent4j.train.TrainingProgress;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.BaseStatsListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.Histogram;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UI listener's one-pass statistics are DL4J's: on single arrays, and over a whole training run. */
class FastStatsListenerTest {
    private static final AutoencoderConfig SMALL = AutoencoderConfig.tutorial()
            .withEncoderSizes(List.of(16, 8, 2)).withIterations(60).withBatchSize(10).withLogEvery(20)
            .withLearningRate(1e-2);
    private static final int EVERY = 10;

    @Test
    void aSummaryEqualsDl4jsReductionsAndHistogram() {
        Random random = new Random(3);
        for (int n : new int[] {1, 2, 7, 1000, 39_200}) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (float) (random.nextGaussian() * 0.1 + (i % 3 == 0 ? 0.5 : 0));
            }
            INDArray array = Nd4j.createFromArray(values);
            FastStatsListener.Summary s = FastStatsListener.Summary.of(values, 20);
            assertEquals(array.meanNumber().doubleValue(), s.mean(), 1e-6, "mean of " + n);
            if (n > 1) {
                assertEquals(array.stdNumber().doubleValue(), s.stdev(), 1e-6, "stdev of " + n);
            }
            assertEquals(array.norm1Number().doubleValue() / n, s.meanMagnitude(), 1e-6, "mean magnitude of " + n);
            assertEquals(array.minNumber().doubleValue(), s.histogram().getMin(), 0);
            assertEquals(array.maxNumber().doubleValue(), s.histogram().getMax(), 0);
            var op = new org.nd4j.linalg.api.ops.impl.transforms.Histogram(array, 20);
            Nd4j.exec(op);
            int[] dl4j = op.getOutputArgument(0).castTo(DataType.INT).toIntVector();
            int[] ours = s.histogram().getBinCounts();
            int moved = 0;
            for (int b = 0; b < 20; b++) {
                moved += Math.abs(dl4j[b] - ours[b]);
            }
            // Values exactly on a bin edge may fall on either side with float rounding.
            assertTrue(moved <= 2, "histogram of " + n + ": " + java.util.Arrays.toString(ours) + " vs "
                    + java.util.Arrays.toString(dl4j));
            assertEquals(n, java.util.Arrays.stream(ours).sum());
        }
    }

    private static List<StatsReport> reports(Trainer.Engine engine, Function<StatsStorage, TrainingListener> listener) {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(SMALL);
        StatsStorage storage = new InMemoryStatsStorage();
        net.setListeners(listener.apply(storage));
        Trainer.Result result = new Trainer(SMALL, TrainingProgress.NONE, engine).train(net, data());
        assertEquals(engine, result.engine());
        String session = storage.listSessionIDs().get(0);
        assertTrue(storage.getStaticInfo(session, BaseStatsListener.TYPE_ID, storage.listWorkerIDsForSession(session).get(0))
                != null, "the session's static information is recorded");
        return storage.getAllUpdatesAfter(session, BaseStatsListener.TYPE_ID, 0).stream().map(StatsReport.class::cast).toList();
    }

    private static INDArray data() {
        Random random = new Random(7);
        float[][] rows = new float[100][16];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextFloat();
            }
        }
        return Nd4j.create(rows);
    }

    @Test
    void onTheDirectStepItRecordsWhatDl4jsListenerRecordsOnFit() {
        List<StatsReport> fast = reports(Trainer.Engine.DIRECT, storage -> new FastStatsListener(storage, EVERY));
        List<StatsReport> dl4j = reports(Trainer.Engine.DL4J, storage -> new StatsListener(storage, EVERY));
        assertEquals(List.of(10, 20, 30, 40, 50), dl4j.stream().map(StatsReport::getIterationCount).toList());
        assertEquals(dl4j.stream().map(StatsReport::getIterationCount).toList(),
                fast.stream().map(StatsReport::getIterationCount).toList());
        for (int r = 0; r < dl4j.size(); r++) {
            StatsReport f = fast.get(r);
            StatsReport d = dl4j.get(r);
            String at = "report at iteration " + d.getIterationCount();
            assertEquals(d.getScore(), f.getScore(), 1e-4 * d.getScore(), at);
            assertEquals(d.getLearningRates(), f.getLearningRates(), at);
            assertEquals(d.getTotalExamples(), f.getTotalExamples(), at);
            assertEquals(d.getTotalMinibatches(), f.getTotalMinibatches(), at);
            for (StatsType type : StatsType.values()) {
                assertClose(d.getMeanMagnitudes(type), f.getMeanMagnitudes(type), at + ", " + type + " mean magnitudes");
                assertClose(d.getStdev(type), f.getStdev(type), at + ", " + type + " stdev");
                assertClose(d.getMean(type), f.getMean(type), at + ", " + type + " mean");
                Map<String, Histogram> dh = d.getHistograms(type);
                Map<String, Histogram> fh = f.getHistograms(type);
                assertEquals(dh == null ? null : dh.keySet(), fh == null ? null : fh.keySet(), at + ", " + type + " histograms");
                if (dh != null) {
                    dh.forEach((name, h) -> {
                        assertEquals(h.getMin(), fh.get(name).getMin(), 1e-3 * Math.abs(h.getMin()) + 1e-9, at + " " + name);
                        assertEquals(h.getMax(), fh.get(name).getMax(), 1e-3 * Math.abs(h.getMax()) + 1e-9, at + " " + name);
                        assertEquals(h.getNBins(), fh.get(name).getNBins());
                    });
                }
            }
        }
    }

    private static void assertClose(Map<String, Double> expected, Map<String, Double> actual, String what) {
        if (expected == null || expected.isEmpty()) {
            assertTrue(actual == null || actual.isEmpty(), what + ": " + actual);
            return;
        }
        assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(actual.keySet()), what);
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double a = actual.get(e.getKey());
            assertTrue(Math.abs(a - e.getValue()) <= 1e-3 * Math.abs(e.getValue()) + 1e-7,
                    what + " of " + e.getKey() + ": " + a + " vs " + e.getValue());
        }
    }
}
