package example.consumer;

import io.latent4j.Autoencoder;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The measurements of docs/vae.md for the trained models named as arguments, through latent4j's
 * public API only: the test MSE of the (mean) reconstruction and the 5-NN accuracy of the codes
 * (as {@link PublicApiIT} measures the shipped model), on MNIST digits 1, 5 and 6 from MNIST_DIR.
 * A program, not a test: docs/bench/compare_kinds.sh runs it.
 */
public final class CompareKinds {
    private CompareKinds() {
    }

    public static void main(String[] args) throws Exception {
        PublicApiIT.Digits train = PublicApiIT.read("train-images-idx3-ubyte", "train-labels-idx1-ubyte");
        PublicApiIT.Digits test = PublicApiIT.read("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        for (String model : args) {
            Autoencoder ae = Autoencoder.load(Path.of(model));
            double mse = java.util.Arrays.stream(ae.reconstructionErrors(test.pixels())).average().orElseThrow();
            double knn = PublicApiIT.knnAccuracy(ae.encode(train.pixels()), train.labels(), ae.encode(test.pixels()),
                    test.labels(), 5);
            System.out.printf(Locale.ROOT, "%s: %s, test MSE %.5f, 5-NN accuracy %.4f (%d test images)%n", model,
                    ae.variational() ? "vae" : "ae", mse, knn, test.pixels().length);
        }
    }
}
