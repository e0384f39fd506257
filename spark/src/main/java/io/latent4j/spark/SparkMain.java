package io.latent4j.spark;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code latent4j-spark} command line: the main class of {@code mvn -f spark/pom.xml exec:java}
 * and of the jar given to {@code spark-submit}.
 */
@Command(name = "latent4j-spark", mixinStandardHelpOptions = true,
        description = "latent4j on Apache Spark: encode image collections larger than one machine.",
        subcommands = {EncodeSparkCommand.class, BenchSparkCommand.class})
public final class SparkMain {

    /** The command line's logging setup, unless the user names another with -Dlogback.configurationFile. */
    static final String LOGBACK_CONFIG = "io/latent4j/spark/logback.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns its exit code: 0 success, 1 failure, 2 usage error. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            if (verbose) {
                e.printStackTrace(line.getErr());
            }
            line.getErr().println("latent4j-spark: " + describe(e));
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    /** One line for the user: a bad row's message, else the innermost useful message. */
    static String describe(Throwable e) {
        return SparkEncodeJob.badRow(e).orElseGet(() -> {
            Throwable shown = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            String message = shown.getMessage();
            return message == null || message.isBlank() ? shown.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        });
    }
}
