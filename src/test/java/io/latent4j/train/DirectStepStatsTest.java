package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.deeplearning4j.ui.model.stats.BaseStatsListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training UI's listener fed by the direct step records what it records during DL4J's fit:
 * the same reports, iterations, scores and statistics, and the network trains exactly as
 * without it.
 */
class DirectStepStatsTest {
    private static final int EVERY = 10;

    private record Recorded(List<StatsReport> reports, MultiLayerNetwork net, Trainer.Engine engine) {
    }

    private static Recorded train(Trainer.Engine engine) {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(TrainerTest.SMALL);
        StatsStorage storage = new InMemoryStatsStorage();
        net.setListeners(new StatsListener(storage, EVERY));
        Trainer.Result result = new Trainer(TrainerTest.SMALL, TrainingProgress.NONE, engine).train(net, TrainerTest.data());
        String session = storage.listSessionIDs().get(0);
        List<StatsReport> reports = storage.getAllUpdatesAfter(session, BaseStatsListener.TYPE_ID, 0).stream()
                .map(StatsReport.class::cast).toList();
        return new Recorded(reports, net, result.engine());
    }

    @Test
    void theListenerRecordsWhatFitGivesItAndTrainingIsUnchanged() {
        Recorded direct = train(Trainer.Engine.DIRECT);
        Recorded fit = train(Trainer.Engine.DL4J);
        assertEquals(Trainer.Engine.DIRECT, direct.engine(), "the stats listener keeps the direct step");
        assertEquals(Trainer.Engine.DL4J, fit.engine());

        MultiLayerNetwork unwatched = AutoencoderArchitecture.newAutoencoder(TrainerTest.SMALL);
        new Trainer(TrainerTest.SMALL, TrainingProgress.NONE, Trainer.Engine.DIRECT).train(unwatched, TrainerTest.data());
        assertEquals(unwatched.params(), direct.net().params(), "watching changes nothing, bit for bit");

        List<Integer> iterations = fit.reports().stream().map(StatsReport::getIterationCount).toList();
        assertEquals(List.of(10, 20, 30, 40, 50), iterations);
        assertEquals(iterations, direct.reports().stream().map(StatsReport::getIterationCount).toList());
        for (int r = 0; r < iterations.size(); r++) {
            StatsReport d = direct.reports().get(r);
            StatsReport f = fit.reports().get(r);
            String at = "report at iteration " + iterations.get(r);
            assertEquals(f.getScore(), d.getScore(), 1e-4 * f.getScore(), at);
            assertEquals(f.getLearningRates(), d.getLearningRates(), at);
            for (StatsType type : StatsType.values()) {
                assertClose(f.getMeanMagnitudes(type), d.getMeanMagnitudes(type), at + ", " + type + " mean magnitudes");
                assertClose(f.getStdev(type), d.getStdev(type), at + ", " + type + " stdev");
                assertEquals(keys(f.getHistograms(type)), keys(d.getHistograms(type)), at + ", " + type + " histograms");
            }
        }
    }

    @Test
    void otherListenersStillTrainWithFit() {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(TrainerTest.SMALL);
        net.setListeners(new ScoreIterationListener(1000));
        assertEquals(Trainer.Engine.DL4J, new Trainer(TrainerTest.SMALL, TrainingProgress.NONE, Trainer.Engine.DIRECT)
                .train(net, TrainerTest.data()).engine());
    }

    private static Object keys(Map<String, ?> map) {
        return map == null ? null : new java.util.TreeSet<>(map.keySet());
    }

    /** Equal keys; values equal to float rounding of the two engines' slightly different arithmetic. */
    private static void assertClose(Map<String, Double> expected, Map<String, Double> actual, String what) {
        if (expected == null) {
            assertEquals(null, actual, what);
            return;
        }
        assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(actual.keySet()), what);
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double a = actual.get(e.getKey());
            assertTrue(Math.abs(a - e.getValue()) <= 1e-3 * Math.abs(e.getValue()) + 1e-9,
                    what + " of " + e.getKey() + ": " + a + " vs " + e.getValue());
        }
    }
}
