package io.latent4j.viz;

import io.latent4j.ModelCardTest;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTextTest {
    @Test
    void describesHowTheRunDrewItsBatches() {
        assertTrue(ReportText.samplingText(ModelCardTest.sample("tutorial", "with-replacement")).contains("with replacement"));
        assertTrue(ReportText.samplingText(ModelCardTest.sample("tutorial", "epochs")).contains("shuffled passes"),
                "the card's sampling, not the preset's name, decides");
    }
}
