package io.latent4j.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReconstructionMetricsTest {

    @Test
    void meanIsOverAllElementsAndPerDigitOverEachDigitsRows() {
        INDArray x = Nd4j.create(new float[][] {{0, 0}, {1, 1}, {0, 1}});
        // Reconstruction adds 0.5 to row 0, 1 to row 1's first pixel, nothing to row 2.
        INDArray shift = Nd4j.create(new float[][] {{0.5f, 0.5f}, {1, 0}, {0, 0}});
        ReconstructionMetrics m = ReconstructionMetrics.measure(x, new int[] {3, 3, 7}, in -> in.add(shift));
        assertEquals((0.25 + 0.25 + 1) / 6, m.mse(), 1e-12);
        assertEquals((0.25 + 0.25 + 1) / 4, m.perLabel().get(3), 1e-12);
        assertEquals(0.0, m.perLabel().get(7), 1e-12);
    }

    @Test
    void sumsInDoubleAcrossChunks() {
        int rows = 5000;
        INDArray x = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, 3);
        double[] errors = ReconstructionMetrics.rowSquaredErrors(x, in -> in.add(0.1f));
        assertEquals(rows, errors.length);
        assertEquals(3 * 0.1f * 0.1f, errors[rows - 1], 1e-9);
        assertEquals(0.1f * 0.1f, ReconstructionMetrics.measure(x, new int[rows], in -> in.add(0.1f)).mse(), 1e-9);
    }

    @Test
    void readsViewsAndColumnMajorOrDoubleReconstructions() {
        INDArray all = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 6, 4);
        INDArray rows = all.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        double[] errors = ReconstructionMetrics.rowSquaredErrors(rows,
                in -> in.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).add(0.5).dup('f'));
        assertArrayEquals(new double[] {1, 1, 1}, errors, 1e-12);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1},
                ReconstructionMetrics.rowSquaredErrors(all.dup('f'), in -> in.add(0.5f)), 1e-6);
    }

    @Test
    void leavesTheCallersArraysUsable() {
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 4);
        INDArray copy = x.dup();
        assertArrayEquals(new double[3], ReconstructionMetrics.rowSquaredErrors(x, in -> in), 0);
        assertEquals(copy, x);
    }
}
