package io.latent4j.viz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.latent4j.Autoencoder;
import io.latent4j.data.LabeledRows;
import io.latent4j.data.MnistDigits;
import io.latent4j.data.RealMnist;
import io.latent4j.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notebook export for the shipped model on the real test digits 1, 5 and 6. */
@Tag("integration")
class ReportExporterIT {
    private static Autoencoder ae;
    private static LabeledRows test;

    @BeforeAll
    static void load() throws Exception {
        ae = Autoencoder.pretrained();
        test = MnistDigits.loadTest(RealMnist.files(), Set.of(1, 5, 6));
    }

    @Test
    void splitNetworksEqualTheFullNetworkOnRealImages() throws Exception {
        MultiLayerNetwork full;
        try (InputStream in = Autoencoder.class.getResourceAsStream("/io/latent4j/pretrained/autoencoder.zip")) {
            full = ModelStore.load(in);
        }
        INDArray expected = full.output(test.features());
        INDArray split = ae.decode(ae.encode(test.features()));
        assertEquals(0.0, expected.sub(split).amaxNumber().doubleValue(), 1e-5, "the direct forward pass agrees with DL4J within float rounding");
        INDArray latent = full.feedForward(test.features()).get(3);
        assertEquals(0.0, latent.sub(ae.encode(test.features())).amaxNumber().doubleValue(), 1e-5, "the direct forward pass agrees with DL4J within float rounding");
    }

    @Test
    void writesEveryFigureTheReportAndAValidNotebook(@TempDir Path dir) throws Exception {
        ReportExporter.Export export = ReportExporter.export(ae, test, ae.card().orElseThrow(),
                ReportExporter.Options.defaults(dir));
        for (String figure : ReportExporter.FIGURES) {
            Path file = dir.resolve(figure);
            assertTrue(export.files().contains(file), figure);
            BufferedImage image = ImageIO.read(file.toFile());
            assertNotNull(image, figure + " is not a readable PNG");
            assertTrue(image.getWidth() >= 500 && image.getHeight() >= 150, figure + " is too small");
        }
        BufferedImage manifold = ImageIO.read(dir.resolve("manifold.png").toFile());
        assertEquals(560, manifold.getWidth());
        assertEquals(560, manifold.getHeight());

        String readme = Files.readString(dir.resolve("README.md"));
        for (String figure : ReportExporter.FIGURES) {
            assertTrue(readme.contains("(" + figure + ")"), "README does not reference " + figure);
        }
        for (String heading : new String[] {"## 2. Load MNIST data", "## 6. Optimization", "## 7. Test",
            "## 8. Latent space", "## 9. Data generation", "## 10. Visualization"}) {
            assertTrue(readme.contains(heading), heading);
        }
        assertTrue(readme.indexOf("## 2.") < readme.indexOf("## 6.") && readme.indexOf("## 6.") < readme.indexOf("## 10."));

        ObjectMapper json = new ObjectMapper();
        JsonNode notebook = json.readTree(dir.resolve("autoencoder.ipynb").toFile());
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/nbformat/nbformat.v4.5.schema.json")) {
            // The schema groups its definitions under names like "misc" that are no keywords: without
            // this, the validator logs a warning for each of them.
            JsonMetaSchema v4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                    .unknownKeywordFactory((name, context) -> new NonValidationKeyword(name)).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, factory -> factory.metaSchema(v4))
                    .getSchema(in);
        }
        Set<ValidationMessage> problems = schema.validate(notebook);
        assertTrue(problems.isEmpty(), problems.toString());
        JsonNode broken = notebook.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("cells").get(0)).put("cell_type", "prose");
        assertTrue(!schema.validate(broken).isEmpty(), "the schema check must be able to fail");
        long images = 0;
        for (JsonNode cell : notebook.get("cells")) {
            for (JsonNode attachment : cell.path("attachments")) {
                images += attachment.has("image/png") ? 1 : 0;
            }
        }
        assertEquals(6, images, "one embedded figure per figure section (the raw manifold is linked)");
    }

    @Test
    void theNotebookLoadsTheModelItWasWrittenFor(@TempDir Path dir) throws Exception {
        ReportExporter.export(ae, test, null, new ReportExporter.Options(dir, null, null, 20, 20, 42, null));
        String notebook = Files.readString(dir.resolve("autoencoder.ipynb"));
        assertTrue(notebook.contains("Autoencoder ae = Autoencoder.pretrained();"), "the model in the jar");
        assertTrue(!notebook.contains("Autoencoder.load("), "no model file");
    }

    @Test
    void generationIsDeterministicAndTheDefaultPointLiesInTheData(@TempDir Path dir) throws Exception {
        ReportExporter.Export a = ReportExporter.export(ae, test, null, ReportExporter.Options.defaults(dir.resolve("a")));
        ReportExporter.Export b = ReportExporter.export(ae, test, null, ReportExporter.Options.defaults(dir.resolve("b")));
        assertArrayEquals(a.point(), b.point());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/generation.png")), Files.readAllBytes(dir.resolve("b/generation.png")));
        assertArrayEquals(ae.decode(new float[][] {a.point()})[0], ae.decode(new float[][] {b.point()})[0]);
        float[][] codes = ae.encode(test.features()).toFloatMatrix();
        ManifoldGrid span = ManifoldGrid.covering(codes, 20, 20);
        assertTrue(a.point()[0] >= span.z1Min() && a.point()[0] <= span.z1Max(), "Z1 of " + a.point()[0]);
        assertTrue(a.point()[1] >= span.z2Min() && a.point()[1] <= span.z2Max(), "Z2 of " + a.point()[1]);
        assertTrue(!Files.exists(dir.resolve("a/loss.png")), "no loss figure without a card");
    }
}
