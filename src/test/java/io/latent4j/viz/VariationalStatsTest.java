package io.latent4j.viz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.ModelKind;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.train.Trainer;
import io.latent4j.train.TrainingProgress;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training UI sees a variational autoencoder's steps and their negative ELBO. */
class VariationalStatsTest {
    @Test
    void theUiPlotsTheVariationalSteps(@TempDir Path dir) throws Exception {
        AutoencoderConfig c = AutoencoderConfig.tutorial().withEncoderSizes(List.of(16, 8, 2)).withIterations(20)
                .withBatchSize(10).withLearningRate(1e-2);
        AutoencoderConfig config = c.withArchitecture(c.architecture().withKind(ModelKind.VAE));
        try (TrainingUi ui = TrainingUi.start(0); StatsRecording recording = ui.record(dir.resolve("vae-stats.dl4j"), 5)) {
            MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(config);
            net.setListeners(recording.listener());
            new Trainer(config, TrainingProgress.NONE).train(net, Nd4j.rand(DataType.FLOAT, 100, 16));
            recording.finish();
            URI data = URI.create("http://" + TrainingUi.HOST + ":" + ui.port() + "/train/overview/data");
            JsonNode json = new ObjectMapper().readTree(TrainingUiTest.get(data).body());
            List<Integer> iterations = new ArrayList<>();
            json.get("scoresIter").forEach(n -> iterations.add(n.asInt()));
            assertEquals(List.of(5, 10, 15), iterations);
            json.get("scores").forEach(n -> assertTrue(n.asDouble() > 0, "a negative ELBO: " + n));
        }
    }
}
