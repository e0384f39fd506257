package io.latent4j.viz;

import io.latent4j.data.LabeledRows;
import io.latent4j.ModelCard;
import io.latent4j.config.OptimizerSchedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The words of the exported report, section by section in the tutorial's order. */
final class ReportText {
    private ReportText() {
    }

    static List<ReportSection> sections(ModelCard card, LabeledRows test, float[] point, ManifoldGrid grid,
                                        List<String> written, int fromDigit, int toDigit, NotebookCode code,
                                        List<ReportSection> anomaly) {
        List<ReportSection> s = new ArrayList<>();
        boolean variational = card != null && card.variational() != null;
        s.add(ReportSection.withCode((variational ? "# Variational autoencoder with Deeplearning4j\n\n"
                + "Trained as a variational autoencoder (`--kind vae`, DL4J's `VariationalAutoencoder` layer) on the "
                + "tutorial's layer widths; the sections follow the tutorial, with what differs said where it differs.\n\n"
                : "# Autoencoder with Deeplearning4j\n\n")
                + "The TensorFlow MNIST autoencoder tutorial (Prof. Seungchul Lee, UNIST), reproduced by latent4j on "
                + "Deeplearning4j. Every figure below was written by latent4j from the trained model"
                + (card == null ? "." : " (`" + card.preset() + "` preset, seed " + card.seed() + ", created "
                + card.createdAt() + ").") + " Regenerate with `mvn -q compile exec:java` (training) or "
                + "`mvn -q compile exec:java -Dexec.args=\"report --model models/autoencoder.zip\"`.\n\n"
                + "The code cells of `autoencoder.ipynb`, taken in order, are one Java program that uses only "
                + "latent4j's public API (`io.latent4j.Autoencoder`) and prints the outputs shown. To run them in "
                + "`jshell`, from the repository root:\n\n```\nmvn -q compile dependency:build-classpath -DincludeScope=runtime "
                + "-Dmdep.outputFile=target/classpath.txt\n"
                + "jshell --class-path target/classes:$(cat target/classpath.txt) "
                + "-R-Dlogback.configurationFile=io/latent4j/cli/logback.xml\n```\n\n(The last option gives jshell "
                + "the command line's quiet logging; without a configuration, logback prints DL4J's debug log.)\n",
                code.setup()));
        s.add(ReportSection.text("## 1. Unsupervised learning and autoencoders\n\n"
                + "An autoencoder is trained to copy its input to its output through a narrow code: an encoder "
                + "h = f(x) and a decoder r = g(h), learned so that g(f(x)) = x. With a 2-unit code the network "
                + "must find a 2-D representation of the images, which we can plot.\n"));
        Map<Integer, Integer> testCounts = ReportExporter.countsByDigit(test.labels());
        StringBuilder data = new StringBuilder("## 2. Load MNIST data\n\nDigits " + testCounts.keySet()
                + " only, to visualise them in 2-D. ");
        if (card != null) {
            data.append(String.format(Locale.ROOT, "The number of training images: %d; test images: %d "
                    + "(the tutorial's 16583 training images came from TensorFlow's 55,000-image training split; "
                    + "latent4j uses all 60,000).%n%n", card.trainCount(), card.testCount()));
            data.append(card.verifiedMnist() ? "Every file was checked against its published SHA-256 before loading:"
                    : "These files are not the published MNIST (their digests differ); checked: "
                    + card.dataVerification() + ". The files:");
            dataFiles(data, card);
        } else {
            data.append("Test images: ").append(test.count()).append(".\n");
        }
        data.append("\n| digit | test images |\n|---|---|\n");
        testCounts.forEach((d, n) -> data.append("| ").append(d).append(" | ").append(n).append(" |\n"));
        s.add(ReportSection.withCode(data.toString(), code.testImages()));

        List<Integer> layers = card != null ? card.layers() : List.of(784, 500, 300, 2, 300, 500, 784);
        StringBuilder shape = new StringBuilder("## 3. Define the autoencoder shape, weights and biases\n\n"
                + "One `MultiLayerConfiguration` defines the network; the encoder-only and decoder-only networks are "
                + "slices of the same layer list. Weights and biases are drawn from Normal(0, "
                + (card != null ? card.initStd() : 0.1) + ").\n\n| layer | in | out | activation |\n|---|---|---|---|\n");
        int n = layers.size() - 1;
        for (int i = 0; i < n; i++) {
            String name = i < n / 2 - 1 ? "encoder" + (i + 1) : i == n / 2 - 1 ? "latent"
                    : i == n - 1 ? "reconst" : "decoder" + (i - n / 2 + 1);
            boolean linear = i == n / 2 - 1 || i == n - 1;
            shape.append("| ").append(name).append(" | ").append(layers.get(i)).append(" | ").append(layers.get(i + 1))
                    .append(" | ").append(linear ? "identity" : card != null ? card.activation() : "tanh").append(" |\n");
        }
        s.add(ReportSection.withCode(variational ? VariationalReportText.shape(card) : shape.toString(), code.model()));
        s.add(ReportSection.text(variational ? VariationalReportText.loss(card)
                : "## 4. Define loss, initializer and optimizer\n\n"
                + "Squared loss, the mean of (x - r)^2 over all pixels of the batch (DL4J `LossFunction.MSE`); Adam with "
                + (card != null ? adamText(card) : "learning rate " + 1e-4) + ".\n"));
        if (card != null) {
            s.add(ReportSection.text(String.format(Locale.ROOT, "## 5. Define configuration%n%n| n_batch | n_iter | "
                    + "threads |%n|---|---|---|%n| %d | %d | %d |%n", card.batchSize(), card.iterations(), card.threads())));
            StringBuilder log = new StringBuilder(String.format(Locale.ROOT, "## 6. Optimization%n%nEach step trains on "
                    + "%d rows %s. Training took %.1f s (%.2f ms/iteration). The cost is the "
                    + "updated network's %s on the batch it just trained on, as the tutorial prints it.%n%n"
                    + "| Iter | Cost |%n|---|---|%n", card.batchSize(), samplingText(card), card.trainSeconds(),
                    card.msPerIteration(), variational ? "negative ELBO per image (one draw of z each)" : "MSE"));
            card.lossLog().forEach(p -> log.append("| ").append(p.iteration()).append(" | ")
                    .append(ReportExporter.f(p.loss())).append(" |\n"));
            s.add(new ReportSection(log.toString(), written.contains("loss.png") ? "loss.png" : null, "Training loss",
                    null));
        }
        StringBuilder testText = new StringBuilder("## 7. Test\n\nReconstruction of test images: the tutorial's "
                + "input/reconstruction pair, then ten random test digits (top) and their reconstructions (bottom).\n");
        if (card != null) {
            testText.append(String.format(Locale.ROOT, "%n| | MSE (mean over all pixels) |%n|---|---|%n"
                    + "| " + (variational ? "mean reconstruction" : "autoencoder") + ", test set | %s |%n| "
                    + (variational ? "mean reconstruction" : "autoencoder") + ", training set | %s |%n"
                    + "| best 2-component PCA (linear), test set | %s |%n%n| digit | test MSE | training MSE |%n|---|---|---|%n",
                    ReportExporter.f(card.testMse()), ReportExporter.f(card.trainMse()), ReportExporter.f(card.pcaTestMse())));
            perClass(testText, card);
            if (variational) {
                testText.append(VariationalReportText.elbo(card));
            }
        }
        s.add(new ReportSection(testText.toString(), "reconstruction.png", "Input and reconstructed images",
                code.test()));
        s.addAll(anomaly);
        s.add(new ReportSection("## 8. Latent space\n\nThe 784-dimensional images projected onto the 2-D latent space"
                + (variational ? " (the means of their posteriors q(z|x))" : "") + ": "
                + ReportExporter.SCATTER_POINTS + " random test images, coloured by digit.\n",
                "latent-space.png", "Latent space", code.latentSpace()));
        s.add(new ReportSection(String.format(Locale.ROOT, "## 9. Data generation%n%nThe decoder turns any latent point "
                + "into an image. The point z = (%.3f, %.3f) (black) %s.%n", point[0], point[1],
                "is chosen inside the data unless given with `--z x,y`"), "generation.png", "Generated image",
                code.generation()));
        s.add(new ReportSection(String.format(Locale.ROOT, "## 10. Visualization: the manifold%n%nImages decoded from "
                + "a %dx%d grid of latent points, Z1 from %.2f to %.2f (left to right) and Z2 from %.2f to %.2f (bottom "
                + "to top), jet colour map with clim (0, 1) as in the tutorial. [manifold.png](manifold.png) is the raw %dx%d "
                + "canvas.%n",
                grid.nx(), grid.ny(), grid.z1Min(), grid.z1Max(), grid.z2Min(), grid.z2Max(),
                grid.nx() * 28, grid.ny() * 28), "manifold-labeled.png", "Manifold", code.manifold()));
        s.add(new ReportSection("## 11. Interpolation (beyond the tutorial)\n\nImages decoded along the straight line "
                + "between the latent codes of a test " + fromDigit + " and a test " + toDigit + ".\n",
                "interpolation.png", "Interpolation", code.interpolation()));
        if (written.contains(ReportExporter.VARIATIONAL_FIGURES.get(0))) {
            s.addAll(VariationalReportText.prior());
        }
        if (card != null) {
            s.add(ReportSection.text(String.format(Locale.ROOT, "## Provenance%n%nlatent4j %s, Deeplearning4j %s, ND4J "
                    + "backend %s, Java %s on %s. The full record is the model card (`models/autoencoder.json`).%n",
                    card.latent4jVersion(), card.dl4jVersion(), card.nd4jBackend(), card.javaVersion(), card.os())));
        }
        return s;
    }

    /** The sections as one Markdown document, figures as images beside it. */
    static String markdown(List<ReportSection> sections) {
        StringBuilder md = new StringBuilder();
        for (ReportSection section : sections) {
            md.append(section.markdown());
            if (section.figure() != null) {
                md.append("\n![").append(section.caption()).append("](").append(section.figure()).append(")\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /**
     * Adam's settings as the card records them: {@code "learning rate 0.001"}, then the rate it
     * decayed to and beta2 where they are not the defaults.
     */
    static String adamText(ModelCard card) {
        return "learning rate " + card.learningRate()
                + (card.finalLearningRateFactor() == 1 ? "" : " decaying to " + card.learningRate() * card.finalLearningRateFactor())
                + (card.adamBeta2() == OptimizerSchedule.DEFAULT_BETA2 ? "" : ", beta2 " + card.adamBeta2());
    }

    /** How the card's preset drew its batches (presets are the only way to choose the sampling). */
    static String samplingText(ModelCard card) {
        return "epochs".equals(card.sampling()) ? "taken in shuffled passes over the training set (each row once per pass)"
                : "drawn at random with replacement";
    }

    /** The card's data files as a table. */
    static void dataFiles(StringBuilder text, ModelCard card) {
        text.append("\n\n| file | SHA-256 |\n|---|---|\n");
        card.dataFiles().stream().sorted(java.util.Comparator.comparing(ModelCard.DataFile::path))
                .forEach(f -> text.append("| `").append(f.path()).append("` | `").append(f.sha256()).append("` |\n"));
    }

    /** The card's per-class MSE as table rows, classes in the card's order. */
    static void perClass(StringBuilder text, ModelCard card) {
        for (String name : card.classNames()) {
            text.append("| ").append(name).append(" | ")
                    .append(ReportExporter.f(card.testMsePerClass().getOrDefault(name, Double.NaN))).append(" | ")
                    .append(ReportExporter.f(card.trainMsePerClass().getOrDefault(name, Double.NaN))).append(" |\n");
        }
    }
}
