package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.data.LabeledRows;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's bookkeeping on a tiny network; no timing assertions. */
class BenchmarkTest {
    private static final AutoencoderConfig TINY = AutoencoderConfig.tutorial()
            .withEncoderSizes(List.of(16, 8, 2)).withLearningRate(1e-2);

    @Test
    void countsSixFlopsPerWeightPerSample() {
        // The tutorial net: 2 x (784*500 + 500*300 + 300*2) = 1,085,200 weights, 3 products of 2 FLOPs each.
        assertEquals(6 * 1_085_200.0, Benchmark.flopsPerSample(AutoencoderConfig.tutorial().architecture().layerSizes()));
        assertEquals(6 * (16 * 8 + 8 * 2) * 2.0, Benchmark.flopsPerSample(TINY.architecture().layerSizes()));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Benchmark.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, Benchmark.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }

    @Test
    void throughputReportsEveryRunAndDerivedRates() {
        INDArray pixels = Nd4j.rand(DataType.FLOAT, 40, 16);
        Benchmark.Throughput t = new Benchmark(Trainer.Engine.DIRECT).throughput(TINY, pixels, 8, 3, 2, 5, 100.0);
        assertEquals(3, t.msPerIteration().size());
        assertEquals(8, t.batchSize());
        assertTrue(t.medianMs() > 0);
        assertEquals(8 * 1000.0 / t.medianMs(), t.samplesPerSecond(), 1e-9);
        assertEquals(t.samplesPerSecond() * t.flopsPerSample() / 1e9, t.gflops(), 1e-12);
        assertEquals(t.gflops(), t.percentOfPeak(), 1e-9);
    }

    @Test
    void gemmPeakIsPositive() {
        Benchmark.GemmPeak peak = Benchmark.gemmPeak(32, 3);
        assertEquals(3, peak.runs());
        assertTrue(peak.gflops() > 0);
    }

    @Test
    void timeToQualityRecordsReachedRunsAndFinalErrors() {
        INDArray pixels = Nd4j.rand(DataType.FLOAT, 60, 16);
        LabeledRows data = new LabeledRows(pixels, new int[60]);
        AutoencoderConfig config = TINY.withIterations(40).withLogEvery(10);
        Benchmark bench = new Benchmark(Trainer.Engine.DIRECT);

        Benchmark.TimeToQuality easy = bench.timeToQuality(config, data, data, 10.0, 2);
        assertEquals(2, easy.seconds().size());
        assertEquals(2, easy.finalMse().size());
        assertTrue(easy.medianSeconds() >= 0);

        Benchmark.TimeToQuality impossible = bench.timeToQuality(config, data, data, 1e-12, 1);
        assertTrue(impossible.seconds().isEmpty());
        assertTrue(Double.isNaN(impossible.medianSeconds()));
        assertTrue(impossible.finalMse().get(0) > 1e-12);
    }
}
