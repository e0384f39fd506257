package io.latent4j.train;

import io.latent4j.Autoencoder;
import io.latent4j.data.FloatRows;
import io.latent4j.data.LabeledRows;
import io.latent4j.data.MnistDigits;
import io.latent4j.data.MnistSource;
import io.latent4j.data.RealMnist;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tutorial's model separates the digits it was not trained on from those it was, by
 * reconstruction error, on all 10,000 MNIST test images, better than PCA-2's error does. The model
 * is the one shipped in the jar (the tutorial preset on digits 1, 5, 6, 2500 iterations, seed 42),
 * so no training here.
 */
@Tag("integration")
class AnomalyMnistIT {
    @Test
    void tutorialModelSeparatesOtherDigitsBetterThanPca() throws Exception {
        Autoencoder ae = Autoencoder.pretrained();
        assertEquals(MnistSource.TUTORIAL_DIGITS.stream().toList(), ae.card().orElseThrow().digits());
        LabeledRows trained = MnistDigits.loadTest(RealMnist.files(), MnistSource.TUTORIAL_DIGITS);
        LabeledRows others = MnistDigits.loadTest(RealMnist.files(), MnistSource.otherDigits(MnistSource.TUTORIAL_DIGITS));
        assertEquals(10_000, trained.count() + others.count());
        INDArray all = Nd4j.vstack(trained.features(), others.features());
        boolean[] anomalous = new boolean[10_000];
        Arrays.fill(anomalous, trained.count(), anomalous.length, true);

        double[] errors = ae.reconstructionErrors(FloatRows.of(all));
        PcaBaseline pca = PcaBaseline.fit(MnistDigits.loadTrain(RealMnist.files(), MnistSource.TUTORIAL_DIGITS).features(), 2);
        double[] pcaErrors = ReconstructionMetrics.rowSquaredErrors(all, pca::reconstruct);
        double auc = AnomalyMetrics.rocAuc(errors, anomalous);
        double pcaAuc = AnomalyMetrics.rocAuc(pcaErrors, anomalous);
        assertTrue(auc >= 0.90, "autoencoder AUC " + auc);
        assertTrue(auc > pcaAuc, "autoencoder AUC " + auc + ", PCA-2 AUC " + pcaAuc);

        // The streaming form the score command uses gives the same errors (to float rounding: other batch sizes).
        var streamed = ae.reconstructionErrorsAll(Arrays.stream(FloatRows.of(all)).iterator(), 1000);
        for (int i = 0; i < errors.length; i++) {
            assertEquals(errors[i], streamed.next(), 1e-6 * errors[i], "row " + i);
        }
    }
}
