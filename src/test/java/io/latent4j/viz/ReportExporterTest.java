package io.latent4j.viz;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

class ReportExporterTest {
    @Test
    void prepareDrawsOffScreen() {
        assertDoesNotThrow(ReportExporter::prepare);
    }
}
