package io.latent4j.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model kind and the reconstruction distribution in the one config record. */
class VariationalConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theKindChangesNothingElseAndDefaultsToBernoulli() {
        for (Preset preset : Preset.values()) {
            AutoencoderConfig ae = preset.config();
            assertEquals(ModelKind.AE, ae.architecture().kind());
            assertNull(ae.architecture().reconstruction());
            AutoencoderConfig vae = ae.withArchitecture(ae.architecture().withKind(ModelKind.VAE));
            assertEquals(Reconstruction.BERNOULLI, vae.architecture().reconstruction());
            assertEquals(ae.architecture().encoderSizes(), vae.architecture().encoderSizes());
            assertEquals(ae.schedule(), vae.schedule());
            assertEquals(ae.architecture(), vae.architecture().withKind(ModelKind.AE));
        }
        ArchitectureConfig gaussian = ArchitectureConfig.tutorial().withKind(ModelKind.VAE)
                .withReconstruction(Reconstruction.GAUSSIAN);
        assertEquals(Reconstruction.GAUSSIAN, gaussian.withEncoderSizes(List.of(10, 5, 2)).reconstruction());
        assertEquals(Reconstruction.GAUSSIAN, gaussian.withKind(ModelKind.VAE).reconstruction());
    }

    @Test
    void jsonRoundTripsAndConfigsWithoutAKindArePlainAutoencoders() throws Exception {
        AutoencoderConfig fast = Preset.FAST.config();
        AutoencoderConfig vae = fast.withArchitecture(fast.architecture().withKind(ModelKind.VAE)
                .withReconstruction(Reconstruction.GAUSSIAN));
        assertEquals(vae, JSON.readValue(JSON.writeValueAsString(vae), AutoencoderConfig.class));
        String json = JSON.writeValueAsString(fast).replace(",\"kind\":\"AE\",\"reconstruction\":null", "");
        assertTrue(!json.contains("kind"), json);
        assertEquals(fast, JSON.readValue(json, AutoencoderConfig.class));
    }

    @Test
    void inconsistentCombinationsAreRefusedWithAMessage() {
        assertMessage("no reconstruction distribution", () -> new ArchitectureConfig(List.of(4, 3, 2), "tanh",
                ModelKind.AE, Reconstruction.BERNOULLI));
        assertMessage("needs a reconstruction distribution", () -> new ArchitectureConfig(List.of(4, 3, 2), "tanh",
                ModelKind.VAE, null));
        assertMessage("needs a hidden layer", () -> new ArchitectureConfig(List.of(4, 2), "tanh").withKind(ModelKind.VAE));
        assertEquals(java.util.Optional.of(ModelKind.VAE), ModelKind.byId("VAE"));
        assertEquals(java.util.Optional.empty(), ModelKind.byId("gan"));
        assertEquals(java.util.Optional.of(Reconstruction.GAUSSIAN), Reconstruction.byId("gaussian"));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
