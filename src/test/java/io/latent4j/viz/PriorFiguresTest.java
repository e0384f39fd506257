package io.latent4j.viz;

import io.latent4j.Autoencoder;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.ModelKind;
import io.latent4j.model.AutoencoderArchitecture;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PriorFiguresTest {
    private static Autoencoder smallVae() throws Exception {
        AutoencoderConfig c = AutoencoderConfig.tutorial().withEncoderSizes(List.of(784, 16, 2));
        return Autoencoder.of(AutoencoderArchitecture.newAutoencoder(c.withArchitecture(c.architecture()
                .withKind(ModelKind.VAE))));
    }

    @Test
    void theInverseCdfMatchesKnownQuantiles() {
        assertEquals(0, PriorFigures.inverseNormalCdf(0.5), 1e-9);
        assertEquals(1.6448536269514722, PriorFigures.inverseNormalCdf(0.95), 1e-8);
        assertEquals(-1.6448536269514722, PriorFigures.inverseNormalCdf(0.05), 1e-8);
        assertEquals(-2.3263478740408408, PriorFigures.inverseNormalCdf(0.01), 1e-8);
        assertEquals(3.090232306167813, PriorFigures.inverseNormalCdf(0.999), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> PriorFigures.inverseNormalCdf(1));
        assertEquals(-PriorFigures.quantilePoint(19, 20), PriorFigures.quantilePoint(0, 20), 1e-12);
    }

    @Test
    void eachTileOfTheQuantileManifoldIsItsDecodedQuantilePoint() throws Exception {
        Autoencoder vae = smallVae();
        float[][] canvas = PriorFigures.quantileManifold(vae);
        assertEquals(560, canvas.length);
        assertEquals(560, canvas[0].length);
        int[][] cells = {{0, 0}, {0, 19}, {19, 0}, {7, 12}};
        for (int[] cell : cells) {
            int row = cell[0];
            int col = cell[1];
            float[] z = {(float) PriorFigures.quantilePoint(col, 20), (float) PriorFigures.quantilePoint(19 - row, 20)};
            float[] image = vae.decode(new float[][] {z})[0];
            float[] tile = new float[784];
            for (int y = 0; y < 28; y++) {
                System.arraycopy(canvas[row * 28 + y], col * 28, tile, y * 28, 28);
            }
            assertArrayEquals(image, tile, 1e-6f, "tile " + row + "," + col);
        }
        BufferedImage samples = PriorFigures.samples(vae);
        assertEquals(280, samples.getWidth());
        assertEquals(280, samples.getHeight());
    }
}
