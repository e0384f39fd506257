package io.latent4j.viz;

import io.latent4j.Autoencoder;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifoldGridTest {
    private static Autoencoder smallModel() throws Exception {
        return Autoencoder.of(AutoencoderArchitecture.newAutoencoder(
                AutoencoderConfig.tutorial().withEncoderSizes(List.of(784, 16, 2))));
    }

    @Test
    void tutorialGridIs560SquareAndEveryTileIsItsOwnDecodedPoint() throws Exception {
        Autoencoder ae = smallModel();
        ManifoldGrid grid = ManifoldGrid.tutorial();
        float[][] canvas = grid.decode(ae);
        BufferedImage image = ManifoldGrid.render(canvas);
        assertEquals(560, image.getWidth());
        assertEquals(560, image.getHeight());
        int[][] cells = {{0, 0}, {0, 19}, {19, 0}, {7, 12}, {19, 19}};
        for (int[] cell : cells) {
            int row = cell[0];
            int col = cell[1];
            float[] tile = ae.decode(new float[][] {grid.pointAt(row, col)})[0];
            for (int y = 0; y < 28; y += 3) {
                for (int x = 0; x < 28; x += 3) {
                    int expected = JetColorMap.rgb(tile[y * 28 + x], 0, 1);
                    assertEquals(expected, image.getRGB(col * 28 + x, row * 28 + y) & 0xFFFFFF,
                            "cell " + row + "," + col + " pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void rowZeroHoldsTheLargestZ2AndColumnZeroTheSmallestZ1() {
        ManifoldGrid grid = ManifoldGrid.tutorial();
        assertEquals(6f, grid.pointAt(0, 5)[1]);
        assertEquals(-2f, grid.pointAt(19, 5)[1]);
        assertEquals(-8f, grid.pointAt(3, 0)[0]);
        assertEquals(4f, grid.pointAt(3, 19)[0]);
        assertEquals(-8 + 12.0 / 19, grid.z1(1), 1e-12);
    }

    @Test
    void coveringGridSpansThePercentilesOfTheCodes() {
        float[][] codes = new float[101][];
        for (int i = 0; i <= 100; i++) {
            codes[i] = new float[] {i, -2 * i};
        }
        ManifoldGrid grid = ManifoldGrid.covering(codes, 5, 4);
        assertEquals(1, grid.z1Min(), 1e-9);
        assertEquals(99, grid.z1Max(), 1e-9);
        assertEquals(-198, grid.z2Min(), 1e-9);
        assertEquals(-2, grid.z2Max(), 1e-9);
        assertEquals(5, grid.nx());
    }

    @Test
    void rejectsEmptyRangesAndSillySizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ManifoldGrid(4, -8, -2, 6, 20, 20));
        assertTrue(e.getMessage().startsWith("empty range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ManifoldGrid(0, 1, 3, 3, 20, 20));
        assertThrows(IllegalArgumentException.class, () -> new ManifoldGrid(0, 1, 0, 1, 1, 20));
        assertThrows(IllegalArgumentException.class, () -> new ManifoldGrid(0, Double.NaN, 0, 1, 20, 20));
    }

    @Test
    void refusesAModelWhoseLatentSpaceIsNotAPlane() throws Exception {
        Autoencoder threeD = Autoencoder.of(AutoencoderArchitecture.newAutoencoder(
                AutoencoderConfig.tutorial().withEncoderSizes(List.of(784, 16, 3))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManifoldGrid.tutorial().decode(threeD));
        assertTrue(e.getMessage().contains("3-D"), e.getMessage());
    }
}
