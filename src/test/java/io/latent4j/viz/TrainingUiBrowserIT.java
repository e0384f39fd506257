package io.latent4j.viz;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.data.RealMnist;
import io.latent4j.train.TrainingProgress;
import io.latent4j.train.TrainingRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * DL4J's training UI in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs) opens the overview page during a short
 * training on real MNIST and after it, and reads the score chart that the page drew.
 */
@Tag("integration")
class TrainingUiBrowserIT {
    private static final Path SCREENSHOT = Path.of("target", "training-ui-overview.png");
    private static final int ITERATIONS = 100;
    private static final int REPORT_EVERY = 10;
    private static final int OPEN_DURING = 60;
    private static final long PAGE_TIMEOUT_MS = 30_000;
    /** The chart's series as flot holds it: [iteration, score] pairs; the page keeps the plot in jQuery's data. */
    private static final String PLOTTED_SCORES = """
            var plot = window.jQuery && jQuery('#scoreiterchart').data('plot');
            return plot ? plot.getData()[0].data : null;""";

    /** Pixels of the score series' colour (#FA5833) on flot's canvas, allowing for anti-aliasing. */
    private static final String SCORE_PIXELS = """
            var canvas = document.querySelector('#scoreiterchart canvas.flot-base');
            var px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            var n = 0;
            for (var i = 0; i < px.length; i += 4) {
              if (Math.abs(px[i] - 250) < 20 && Math.abs(px[i + 1] - 88) < 30 && Math.abs(px[i + 2] - 51) < 30) n++;
            }
            return n;""";

    @Test
    void theOverviewPageChartsTheScoreDuringAndAfterTraining(@TempDir Path dir) throws Exception {
        AutoencoderConfig config = AutoencoderConfig.tutorial().withIterations(ITERATIONS).withLogEvery(50);
        Map<Integer, Double> scores = new TreeMap<>();
        List<List<Number>> duringTraining = new ArrayList<>();
        WebDriver browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        try (TrainingUi ui = TrainingUi.start(0); StatsRecording stats = ui.record(dir.resolve("ae-stats.dl4j"), REPORT_EVERY)) {
            TrainingProgress openPageMidway = new TrainingProgress() {
                @Override
                public void report(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
                }

                @Override
                public void step(int iteration, int iterations, double batchScore, double elapsedSeconds) {
                    scores.put(iteration, batchScore);
                    if (iteration == OPEN_DURING) {
                        browser.get(ui.overviewUrl().toString());
                        duringTraining.addAll(plotted(browser, expectedIterations(OPEN_DURING).size()));
                    }
                }
            };
            new TrainingRun(line -> { }, openPageMidway, List.of(stats.listener()))
                    .run(new TrainingRun.Options(config, "tutorial", dir.resolve("ae.zip"), 1, true),
                            io.latent4j.data.MnistSource.load(RealMnist.files(), io.latent4j.data.MnistSource.TUTORIAL_DIGITS));
            assertEquals(expectedIterations(OPEN_DURING), iterationsOf(duringTraining), "chart while training");

            stats.finish();
            browser.get(ui.overviewUrl().toString());
            List<List<Number>> after = plotted(browser, expectedIterations(ITERATIONS - 1).size());
            assertEquals(expectedIterations(ITERATIONS - 1), iterationsOf(after), "chart from the saved stats");
            for (List<Number> point : after) {
                // The listener records DL4J's score of the step, which the trainer also reports.
                assertEquals(scores.get(point.get(0).intValue()), point.get(1).doubleValue(), 1e-6, "score at " + point);
            }
            long pixels = (Long) ((JavascriptExecutor) browser).executeScript(SCORE_PIXELS);
            assertTrue(pixels > 600, "the score line is not drawn: " + pixels + " pixels of its colour");

            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    /** Iterations DL4J's listener reports up to {@code last}: every {@link #REPORT_EVERY}th, not iteration 0. */
    private static List<Integer> expectedIterations(int last) {
        List<Integer> iterations = new ArrayList<>();
        for (int it = REPORT_EVERY; it <= last; it += REPORT_EVERY) {
            iterations.add(it);
        }
        return iterations;
    }

    private static List<Integer> iterationsOf(List<List<Number>> points) {
        return points.stream().map(p -> p.get(0).intValue()).toList();
    }

    /** Waits until the page has plotted {@code count} points (it loads its data asynchronously) and returns them. */
    @SuppressWarnings("unchecked")
    private static List<List<Number>> plotted(WebDriver browser, int count) {
        long deadline = System.currentTimeMillis() + PAGE_TIMEOUT_MS;
        Object data = null;
        while (System.currentTimeMillis() < deadline) {
            data = ((JavascriptExecutor) browser).executeScript(PLOTTED_SCORES);
            if (data instanceof List<?> points && points.size() >= count) {
                return (List<List<Number>>) data;
            }
            sleep(250);
        }
        return fail("the score chart shows " + data + ", expected " + count + " points");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
