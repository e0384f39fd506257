package io.latent4j.viz;

import io.latent4j.ModelCardTest;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTextTest {
    @Test
    void describesHowTheRunDrewItsBatches() {
        assertTrue(ReportText.samplingText(ModelCardTest.sample("tutorial", "with-replacement")).contains("with replacement"));
        assertTrue(ReportText.samplingText(ModelCardTest.sample("tutorial", "epochs")).contains("shuffled passes"),
                "the card's sampling, not the preset's name, decides");
    }

    @Test
    void namesAdamsDecayAndBeta2OnlyWhereTheyDifferFromTheDefaults() throws java.io.IOException {
        io.latent4j.ModelCard plain = ModelCardTest.sample("tutorial", "with-replacement");
        assertEquals("learning rate 1.0E-4", ReportText.adamText(plain));
        String json = plain.toJson().replace("\"finalLearningRateFactor\" : 1.0", "\"finalLearningRateFactor\" : 0.5")
                .replace("\"adamBeta2\" : 0.999", "\"adamBeta2\" : 0.95");
        io.latent4j.ModelCard tuned = io.latent4j.ModelCard.parse(
                new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("learning rate 1.0E-4 decaying to 5.0E-5, beta2 0.95", ReportText.adamText(tuned));
    }
}
