package io.latent4j.viz;

import io.latent4j.Autoencoder;
import io.latent4j.data.MnistDigits;
import io.latent4j.data.MnistSource;
import io.latent4j.data.RealMnist;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The explorer page in headless Chromium, on the shipped model and the real MNIST test digits 1,
 * 5 and 6: moving the pointer decodes the point under it (the same pixels the decoder gives for
 * that point), and two clicks draw the interpolation strip between them.
 */
@Tag("integration")
@Timeout(300)
class ExplorerBrowserIT {
    private static final Path SCREENSHOT = Path.of("target", "explorer.png");
    private static final Path LATENCY = Path.of("target", "explorer-latency.txt");
    private static final long PAGE_TIMEOUT_MS = 30_000;
    private static final int LATENCY_MOVES = 40;

    @Test
    void movingThePointerDecodesThePointAndTwoClicksDrawTheLineBetween(@TempDir Path dir) throws Exception {
        Autoencoder ae = Autoencoder.pretrained();
        ExplorerPoints points = ExplorerPoints.encode(ae, MnistDigits.loadTest(RealMnist.files(),
                MnistSource.TUTORIAL_DIGITS), 10_000);
        WebDriver browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        try (LatentExplorer explorer = LatentExplorer.start(ae, points, 0)) {
            browser.get(explorer.address().toString());
            JavascriptExecutor js = (JavascriptExecutor) browser;
            await(() -> Boolean.TRUE.equals(js.executeScript("return window.latentExplorer.ready === true")), "page ready");
            WebElement scatter = browser.findElement(By.id("scatter"));

            List<Number> first = decodedAt(ae, browser, scatter, -60, 40);
            List<Number> second = decodedAt(ae, browser, scatter, 120, -90);
            assertNotEquals(first, second, "the pointer moved but the decoded point did not");

            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < LATENCY_MOVES; i++) {
                int before = ((Number) js.executeScript("return window.latentExplorer.latencies.length")).intValue();
                new Actions(browser).moveToElement(scatter, -200 + 10 * i, (i % 7) * 20 - 60).perform();
                await(() -> ((Number) js.executeScript("return window.latentExplorer.latencies.length")).intValue() > before,
                        "a decode after move " + i);
            }
            for (Object ms : (List<?>) js.executeScript("return window.latentExplorer.latencies.slice(-" + LATENCY_MOVES + ")")) {
                latencies.add(((Number) ms).doubleValue());
            }
            latencies.sort(null);
            Files.createDirectories(LATENCY.getParent());
            Files.writeString(LATENCY, String.format(Locale.ROOT, "pointer move to decoded image drawn, %d moves: "
                            + "median %.1f ms, p90 %.1f ms, max %.1f ms%n", latencies.size(),
                    latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 9 / 10),
                    latencies.get(latencies.size() - 1)));

            new Actions(browser).moveToElement(scatter, -150, 0).click().perform();
            new Actions(browser).moveToElement(scatter, 150, 60).click().perform();
            await(() -> ((Number) js.executeScript("return window.latentExplorer.strip.length")).intValue() == 10,
                    "the interpolation strip");
            List<?> pins = (List<?>) js.executeScript("return window.latentExplorer.pins");
            assertEquals(2, pins.size());
            List<?> strip = (List<?>) js.executeScript("return window.latentExplorer.strip");
            List<?> pinA = (List<?>) pins.get(0);
            List<?> pinB = (List<?>) pins.get(1);
            for (int s = 0; s < strip.size(); s++) {
                java.util.Map<?, ?> cell = (java.util.Map<?, ?>) strip.get(s);
                List<?> z = (List<?>) cell.get("z");
                double t = s / 9.0;
                for (int d = 0; d < 2; d++) {
                    double a = ((Number) pinA.get(d)).doubleValue();
                    double b = ((Number) pinB.get(d)).doubleValue();
                    assertEquals(a + t * (b - a), ((Number) z.get(d)).doubleValue(), 1e-9, "strip " + s);
                }
                assertPixelsAreTheDecoderOutput(ae, z, (List<?>) cell.get("pixels"));
            }
            Files.write(SCREENSHOT, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    /** Moves the pointer to an offset from the scatter's centre and checks what the page decoded there. */
    private static List<Number> decodedAt(Autoencoder ae, WebDriver browser, WebElement scatter, int dx, int dy) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        new Actions(browser).moveToElement(scatter, dx, dy).perform();
        await(() -> Boolean.TRUE.equals(js.executeScript(
                "const s = window.latentExplorer; return s.decodedZ !== null && s.decodedZ === s.pointerZ")), "decode at the pointer");
        @SuppressWarnings("unchecked")
        List<Number> z = (List<Number>) js.executeScript("return window.latentExplorer.decodedZ");
        // The point is the one under the pointer: the page's own mapping puts it at the offset.
        List<?> screen = (List<?>) js.executeScript("return window.latentExplorer.toScreen(window.latentExplorer.decodedZ)");
        assertEquals(320 + dx, ((Number) screen.get(0)).doubleValue(), 1.0);
        assertEquals(320 + dy, ((Number) screen.get(1)).doubleValue(), 1.0);
        assertPixelsAreTheDecoderOutput(ae, z, (List<?>) js.executeScript("return window.latentExplorer.decodedPixels"));
        return z;
    }

    private static void assertPixelsAreTheDecoderOutput(Autoencoder ae, List<?> z, List<?> pixels) {
        float[] point = {((Number) z.get(0)).floatValue(), ((Number) z.get(1)).floatValue()};
        float[] decoded = ae.decode(new float[][] {point})[0];
        assertEquals(decoded.length, pixels.size());
        int differing = 0;
        for (int i = 0; i < decoded.length; i++) {
            int shown = ((Number) pixels.get(i)).intValue();
            // Exact in practice; a grey level of slack for the browser's PNG decoding.
            assertTrue(Math.abs(Pngs.toByte(decoded[i]) - shown) <= 1, "pixel " + i + ": " + shown + " vs "
                    + Pngs.toByte(decoded[i]));
            differing += shown == Pngs.toByte(decoded[i]) ? 0 : 1;
        }
        assertTrue(differing <= 3, differing + " pixels differ by a grey level");
    }

    private static void await(Supplier<Boolean> condition, String what) {
        long deadline = System.currentTimeMillis() + PAGE_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (condition.get()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        }
        fail("timed out waiting for " + what);
    }
}
