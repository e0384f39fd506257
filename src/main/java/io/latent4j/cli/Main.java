package io.latent4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code latent4j} command line. With no arguments it trains the tutorial preset and writes
 * the report to {@code notebooks-export/}, which is what {@code mvn exec:java} runs.
 */
@Command(name = "latent4j", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train autoencoders on MNIST with Deeplearning4j.",
        subcommands = {TrainCommand.class, EncodeCommand.class, DecodeCommand.class, ReportCommand.class,
                GenerateCommand.class, ManifoldCommand.class, ReconstructCommand.class, BenchCommand.class,
                EncodeBenchCommand.class, UiCommand.class, ExploreCommand.class, ScoreCommand.class})
public final class Main {
    /**
     * What {@code mvn exec:java} runs with no arguments: the tutorial, whose report is the
     * repository's committed {@code notebooks-export/}. Any other run writes its report beside its model.
     */
    static final String[] NO_ARGUMENTS = {"train", "--export-dir", "notebooks-export"};

    /** Whether standard output is a terminal: progress is drawn as a bar there, as plain lines elsewhere. */
    final boolean terminal;

    private Main(boolean terminal) {
        this.terminal = terminal;
    }

    /**
     * The command line's logging setup, unless the user names another with
     * {@code -Dlogback.configurationFile}. The library ships no {@code logback.xml}: logging
     * configuration belongs to the application, and this is the application.
     */
    static final String LOGBACK_CONFIG = "io/latent4j/cli/logback.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null);
        // During a Ctrl-C shutdown the JVM is already exiting, and System.exit would block forever.
        if (code != 0 && !StopSignal.shuttingDown) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns its exit code: 0 success, 1 failure, 2 usage error. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, false);
    }

    static int run(String[] args, PrintWriter out, PrintWriter err, boolean terminal) {
        // Figures are drawn off-screen; never look for a display.
        System.setProperty("java.awt.headless", "true");
        String[] effective = args.length == 0 ? NO_ARGUMENTS : args;
        CommandLine cli = new CommandLine(new Main(terminal));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new FailureHandler());
        return cli.execute(effective);
    }
}
