package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.data.MnistFile;
import io.latent4j.data.MnistSource;
import io.latent4j.data.RealMnist;
import io.latent4j.data.TrainingData;
import io.latent4j.ModelCard;
import io.latent4j.model.ModelStore;
import io.latent4j.viz.ReportExporter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short training on real MNIST digits 1, 5 and 6, end to end. */
@Tag("integration")
class TrainingRunIT {

    @Test
    void shortRealRunLearnsSavesAndRecordsItsProvenance(@TempDir Path dir) throws Exception {
        AutoencoderConfig config = AutoencoderConfig.tutorial().withIterations(300).withLogEvery(100);
        List<String> lines = new ArrayList<>();
        Path model = dir.resolve("ae.zip");
        TrainingData data = MnistSource.load(RealMnist.files(), MnistSource.TUTORIAL_DIGITS);
        TrainingRun.Outcome outcome = new TrainingRun(lines::add, TrainingProgress.NONE)
                .run(new TrainingRun.Options(config, "tutorial", model, 1, true), data);

        ModelCard card = outcome.card();
        List<ModelCard.LossPoint> log = card.lossLog();
        assertEquals(List.of(0, 100, 200, 299), log.stream().map(ModelCard.LossPoint::iteration).toList());
        // The tutorial's first cost is ~0.46; after a few hundred steps it is ~0.05.
        assertTrue(log.get(0).loss() > 0.2, "initial loss " + log.get(0).loss());
        assertTrue(log.get(3).loss() < log.get(0).loss() / 4, "loss did not fall: " + log);
        assertTrue(card.testMse() < 0.07, "test MSE " + card.testMse());
        assertEquals(18081, card.trainCount());
        assertEquals(2985, card.testCount());
        assertEquals(List.of("1", "5", "6"), card.classNames());
        assertEquals(List.of("1", "5", "6"), card.testMsePerClass().keySet().stream().sorted().toList());
        assertEquals(0.0430, card.pcaTestMse(), 0.0005);
        assertTrue(card.dataFiles().contains(new ModelCard.DataFile("train", MnistFile.TRAIN_IMAGES.fileName(),
                MnistFile.TRAIN_IMAGES.sha256())), card.dataFiles().toString());
        assertTrue(card.verifiedMnist());
        assertEquals("with-replacement", card.sampling());
        assertEquals(config.architecture().layerSizes(), card.layers());

        assertEquals(card, ModelCard.load(ModelCard.fileFor(model)));
        MultiLayerNetwork loaded = ModelStore.load(model);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 784);
        assertEquals(outcome.network().output(x), loaded.output(x));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Test MSE")), lines.toString());

        ReportExporter.Export export = ReportExporter.afterTraining(io.latent4j.Autoencoder.load(model), data, card,
                outcome.training().stepLossPoints(), ReportExporter.Options.defaults(dir.resolve("export"), model));
        assertEquals(12, export.files().size(), export.files().toString());
        for (String figure : java.util.stream.Stream.concat(ReportExporter.FIGURES.stream(),
                ReportExporter.ANOMALY_FIGURES.stream()).toList()) {
            assertTrue(Files.size(dir.resolve("export").resolve(figure)) > 0, figure);
        }
        String testMse = String.format(Locale.ROOT, "%.5f", card.testMse());
        String readme = Files.readString(dir.resolve("export/README.md"));
        assertTrue(readme.contains(testMse), "the README has the card's test MSE");
        assertTrue(readme.contains("checked against its published SHA-256"), "verified MNIST says so");
        assertTrue(readme.contains(String.format(Locale.ROOT, "recorded in the model card: %.5f",
                card.trainErrors().quantile(0.99).orElseThrow())), "the anomaly section has the card's threshold");
        assertTrue(readme.indexOf("### Anomaly scores") > readme.indexOf("## 7. Test")
                && readme.indexOf("### Anomaly scores") < readme.indexOf("## 8. Latent space"), "after the test section");
        assertTrue(readme.contains("| other digits | 7015 |"), "the other digits of the test files");
        assertEquals(300, outcome.training().stepLosses().length, "a loss for every step");
    }

    @Test
    void dataOfAnotherWidthThanTheNetworkIsRefusedBeforeTraining(@TempDir Path dir) throws IOException {
        TrainingData data = MnistSource.load(RealMnist.files(), MnistSource.TUTORIAL_DIGITS);
        AutoencoderConfig narrow = AutoencoderConfig.tutorial().withEncoderSizes(List.of(100, 2)).withIterations(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingRun(line -> { },
                TrainingProgress.NONE).run(new TrainingRun.Options(narrow, "tutorial", dir.resolve("m.zip"), 1, true), data));
        assertTrue(e.getMessage().contains("784 columns"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("m.zip")));
    }
}
