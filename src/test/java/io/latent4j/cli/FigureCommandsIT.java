package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.data.RealMnist;
import io.latent4j.viz.JetColorMap;
import io.latent4j.viz.ManifoldGrid;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** generate, manifold, reconstruct and report on the shipped model and real test images. */
@Tag("integration")
class FigureCommandsIT {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] withData = new String[args.length + 4];
        System.arraycopy(args, 0, withData, 0, args.length);
        withData[args.length] = "--data-dir";
        withData[args.length + 1] = RealMnist.sourceDir().toString();
        withData[args.length + 2] = "--model";
        withData[args.length + 3] = "pretrained";
        return Main.run(withData, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void tutorialManifoldIsReproducedExactly() throws Exception {
        Path png = dir.resolve("m.png");
        assertEquals(0, run("manifold", "--z1", "-8,4", "--z2", "-2,6", "--nx", "20", "--ny", "20", "--out", png.toString()),
                err.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(560, image.getWidth());
        assertEquals(560, image.getHeight());
        // Top-left tile: z = (-8, 6), as in the tutorial's canvas.
        float[] tile = Autoencoder.pretrained().decode(new float[][] {{-8f, 6f}})[0];
        assertEquals(JetColorMap.rgb(tile[14 * 28 + 14], 0, 1), image.getRGB(14, 14) & 0xFFFFFF);
        assertEquals(ManifoldGrid.tutorial().pointAt(0, 0)[0], -8f);
    }

    @Test
    void generateReconstructAndReportWriteTheirFiles() throws Exception {
        Path gen = dir.resolve("g.png");
        assertEquals(0, run("generate", "--z", "-1,0.5", "--out", gen.toString()), err.toString());
        assertTrue(out.toString().contains("Generated z = (-1.0000, 0.5000)"), out.toString());
        assertTrue(ImageIO.read(gen.toFile()).getWidth() > 1000);
        Path rec = dir.resolve("r.png");
        assertEquals(0, run("reconstruct", "--count", "4", "--out", rec.toString()), err.toString());
        assertTrue(ImageIO.read(rec.toFile()).getHeight() > 200);
        Path export = dir.resolve("export");
        assertEquals(0, run("report", "--export-dir", export.toString(), "--quiet"), err.toString());
        assertTrue(Files.exists(export.resolve("autoencoder.ipynb")));
        assertTrue(Files.exists(export.resolve("loss.png")), "the shipped model's card has a loss log");
    }
}
