package example.consumer;

import io.latent4j.Autoencoder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uses latent4j the way an outside program does: only the public {@code io.latent4j} API, with
 * MNIST read by plain Java. Checks that the shipped model's 2-D codes keep the digits apart.
 */
@Tag("integration")
class PublicApiIT {
    private static final Set<Integer> DIGITS = Set.of(1, 5, 6);

    record Digits(float[][] pixels, int[] labels) {
    }

    static Path mnistDir() {
        String env = System.getenv("MNIST_DIR");
        return Path.of(env != null ? env : "../shared/mnist");
    }

    static Digits read(String images, String labels) throws IOException {
        List<float[]> keptPixels = new ArrayList<>();
        List<Integer> keptLabels = new ArrayList<>();
        try (DataInputStream img = open(images); DataInputStream lab = open(labels)) {
            img.readInt();
            int count = img.readInt();
            int size = img.readInt() * img.readInt();
            lab.readInt();
            lab.readInt();
            byte[] buffer = new byte[size];
            for (int i = 0; i < count; i++) {
                img.readFully(buffer);
                int label = lab.readUnsignedByte();
                if (DIGITS.contains(label)) {
                    float[] row = new float[size];
                    for (int j = 0; j < size; j++) {
                        row[j] = (buffer[j] & 0xFF) / 255f;
                    }
                    keptPixels.add(row);
                    keptLabels.add(label);
                }
            }
        }
        return new Digits(keptPixels.toArray(new float[0][]), keptLabels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static DataInputStream open(String name) throws IOException {
        return new DataInputStream(new GZIPInputStream(Files.newInputStream(mnistDir().resolve(name + ".gz")), 1 << 16));
    }

    @Test
    void pretrainedCodesSeparateTheDigits() throws Exception {
        Autoencoder ae = Autoencoder.pretrained();
        assertEquals(784, ae.inputSize());
        assertEquals(2, ae.latentSize());
        assertTrue(ae.card().isPresent(), "the shipped model carries its card");

        Digits train = read("train-images-idx3-ubyte", "train-labels-idx1-ubyte");
        Digits test = read("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        assertEquals(2985, test.pixels().length);
        float[][] trainCodes = ae.encode(train.pixels());
        float[][] testCodes = ae.encode(test.pixels());

        double accuracy = knnAccuracy(trainCodes, train.labels(), testCodes, test.labels(), 5);
        // Measured: PCA-2 reaches 0.927 on the same task; the nonlinear codes must do better than 0.93.
        assertTrue(accuracy >= 0.93, "5-NN accuracy of the latent codes: " + accuracy);

        float[][] reconstructed = ae.reconstruct(test.pixels());
        assertEquals(784, reconstructed[0].length);
    }

    /** Fraction of test rows whose k nearest training codes vote for the right digit. */
    static double knnAccuracy(float[][] train, int[] trainLabels, float[][] test, int[] testLabels, int k) {
        int correct = 0;
        for (int t = 0; t < test.length; t++) {
            double[] best = new double[k];
            int[] bestLabel = new int[k];
            java.util.Arrays.fill(best, Double.MAX_VALUE);
            for (int i = 0; i < train.length; i++) {
                double d = 0;
                for (int j = 0; j < train[i].length; j++) {
                    double diff = train[i][j] - test[t][j];
                    d += diff * diff;
                }
                if (d < best[k - 1]) {
                    int pos = k - 1;
                    while (pos > 0 && best[pos - 1] > d) {
                        best[pos] = best[pos - 1];
                        bestLabel[pos] = bestLabel[pos - 1];
                        pos--;
                    }
                    best[pos] = d;
                    bestLabel[pos] = trainLabels[i];
                }
            }
            int[] votes = new int[10];
            int winner = bestLabel[0];
            for (int label : bestLabel) {
                votes[label]++;
                if (votes[label] > votes[winner]) {
                    winner = label;
                }
            }
            if (winner == testLabels[t]) {
                correct++;
            }
        }
        return (double) correct / test.length;
    }
}
