package io.latent4j.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcaBaselineTest {

    /** Rows = mean + a*u + b*v (+ noise): a plane in 6 dimensions. */
    private static INDArray plane(int rows, double noise, long seed) {
        Random random = new Random(seed);
        double[] mean = {0.5, 0.2, 0.1, 0.7, 0.3, 0.9};
        double[] u = {1, 0, 1, 0, 0, 0};
        double[] v = {0, 1, 0, 0, -1, 0};
        double[][] data = new double[rows][6];
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            double b = 0.5 * random.nextGaussian();
            for (int j = 0; j < 6; j++) {
                data[i][j] = mean[j] + a * u[j] + b * v[j] + noise * random.nextGaussian();
            }
        }
        return Nd4j.create(data).castTo(DataType.FLOAT);
    }

    @Test
    void twoComponentsReconstructAPlaneExactly() {
        INDArray train = plane(200, 0, 1);
        PcaBaseline pca = PcaBaseline.fit(train, 2);
        INDArray test = plane(50, 0, 2);
        double mse = ReconstructionMetrics.measure(test, new int[50], pca::reconstruct).mse();
        assertEquals(0.0, mse, 1e-10);
    }

    @Test
    void fitsTrainingSetsLargerThanOneChunk() {
        PcaBaseline pca = PcaBaseline.fit(plane(5000, 0, 5), 2);
        assertEquals(0.0, ReconstructionMetrics.measure(plane(50, 0, 6), new int[50], pca::reconstruct).mse(), 1e-10);
    }

    @Test
    void oneComponentKeepsTheLargerDirection() {
        INDArray train = plane(2000, 0.01, 3);
        INDArray test = plane(500, 0.01, 4);
        double one = ReconstructionMetrics.measure(test, new int[500], PcaBaseline.fit(train, 1)::reconstruct).mse();
        // Dropping the b*v direction costs about 2 * 0.25 / 6 per element; dropping a*u would cost 2/6.
        assertEquals(2 * 0.25 / 6, one, 0.02);
        assertTrue(one < 0.2);
    }
}
