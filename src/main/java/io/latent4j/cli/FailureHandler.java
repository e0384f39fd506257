package io.latent4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on stderr and exit code 1. The stack trace is shown only
 * with {@code --verbose}; invalid option values (rejected by validating constructors) are usage
 * errors and exit 2.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed.hasMatchedOption("--verbose");
        if (verbose) {
            e.printStackTrace(cli.getErr());
        }
        cli.getErr().println("latent4j: " + describe(e));
        return CommandLine.ExitCode.SOFTWARE;
    }

    private static String describe(Exception e) {
        Throwable shown = e instanceof java.io.UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = shown.getMessage();
        return message == null || message.isBlank() ? shown.getClass().getSimpleName() : message;
    }
}
