package io.latent4j.viz;

import io.latent4j.ModelCard;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTextTest {
    private static ModelCard cardOf(String preset) {
        return new ModelCard(ModelCard.FORMAT, "2026-01-01T00:00:00Z", preset, List.of(784, 2, 784), "tanh",
                1.5e-3, 0.1, 42, List.of(1, 5, 6), 1100, 50, 100, 20, Map.of(), 5.0, 4.5, 1, 0.035, 0.034,
                Map.of(), Map.of(), 0.043, List.of(), "0.1", "1.0.0-M2.1", "CpuBackend", "17", "Linux amd64");
    }

    @Test
    void describesHowThePresetDrewItsBatches() {
        assertTrue(ReportText.samplingText(cardOf("tutorial")).contains("with replacement"));
        assertTrue(ReportText.samplingText(cardOf("fast")).contains("shuffled passes"));
        assertTrue(ReportText.samplingText(cardOf("best")).contains("shuffled passes"));
        assertTrue(ReportText.samplingText(cardOf("custom")).contains("with replacement"));
    }
}
