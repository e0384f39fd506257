package io.latent4j.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place on a terminal: percentage, bar, count, speed, elapsed
 * time and time left, and a note (e.g. the latest loss). Every field has a fixed width for the
 * whole run, so the line never changes length while it is redrawn, and the speed counts from the
 * first update, so it is a number from the second update on.
 */
final class ProgressLine implements AutoCloseable {
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int NARROWEST_BAR = 8;
    private final PrintStream terminal;
    private final int width;
    private final String task;
    private final String unit;
    private final long total;
    private long firstDone = -1;
    private double firstSeconds;
    private long lastDrawn;
    private String lastLine;
    private boolean closed;

    /**
     * @param terminal where the line is drawn
     * @param width    the widest line to draw, or -1 for the terminal's ({@code COLUMNS}, else 80)
     * @param task     what is in progress, e.g. "Training"
     * @param unit     what is counted, e.g. "it"
     * @param total    how many there are
     */
    ProgressLine(PrintStream terminal, int width, String task, String unit, long total) {
        this.terminal = terminal;
        this.width = width > 0 ? width : terminalWidth();
        this.task = task;
        this.unit = unit;
        this.total = Math.max(1, total);
    }

    private static int terminalWidth() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim()));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /**
     * Records that {@code done} are finished after {@code elapsedSeconds}; redraws at most four
     * times a second, and always for the last one. Closes the line after the last.
     */
    synchronized void update(long done, double elapsedSeconds, String note) {
        if (closed) {
            return;
        }
        if (firstDone < 0) {
            // Speed counts from here: a resumed run starts part of the way along, with earlier time.
            firstDone = done;
            firstSeconds = elapsedSeconds;
        }
        boolean last = done >= total;
        long now = System.nanoTime();
        if (last || lastLine == null || now - lastDrawn >= REDRAW_NANOS) {
            lastLine = render(done, elapsedSeconds, note);
            terminal.print("\r" + lastLine);
            terminal.flush();
            lastDrawn = now;
        }
        if (last) {
            close();
        }
    }

    /** The line after {@code done} of the total, {@code elapsedSeconds} into the run. */
    String render(long done, double elapsedSeconds, String note) {
        int digits = String.valueOf(total).length();
        double seconds = elapsedSeconds - firstSeconds;
        long counted = done - firstDone;
        double speed = seconds > 0 && counted > 0 ? counted / seconds : Double.NaN;
        String left = Double.isNaN(speed) ? "-:--:--" : clock((total - done) / speed);
        String tail = String.format(Locale.ROOT, " %" + digits + "d/%d %s %6s %s/s %s/%s%s", done, total, unit,
                Double.isNaN(speed) ? "-" : String.format(Locale.ROOT, "%.1f", speed), unit, clock(elapsedSeconds), left,
                note.isEmpty() ? "" : " " + note);
        String head = String.format(Locale.ROOT, "%s %3d%% [", task, (int) (100 * Math.min(done, total) / total));
        int barWidth = Math.max(NARROWEST_BAR, width - 1 - head.length() - 1 - tail.length());
        int filled = (int) (barWidth * Math.min(done, total) / total);
        return head + "=".repeat(filled) + " ".repeat(barWidth - filled) + "]" + tail;
    }

    private static String clock(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** Ends the line; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (lastLine != null && !closed) {
            terminal.println();
            terminal.flush();
        }
        closed = true;
    }
}
