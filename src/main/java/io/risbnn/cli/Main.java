package io.risbnn.cli;

import io.risbnn.RisbnnException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the {@code risbnn} command. User errors (bad option, bad file) print one line on
 * stderr and exit 2; unexpected failures print one line too (the stack trace only with
 * RISBNN_DEBUG=1) and exit 1.
 */
@CommandLine.Command(name = "risbnn", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Variational Bayesian neural networks with Reparameterized Importance Sampling.",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, CompareCommand.class, VarianceCommand.class,
                UciCommand.class, BenchCommand.class, SampleModelsCommand.class, PlotCommand.class, OodCommand.class, Table1Command.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static final int USER_ERROR = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (used by tests). */
    public static int run(String... args) {
        EngineSetup.configure();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handleFailure);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("risbnn: " + oneLine(e.getMessage()));
            e.getCommandLine().getErr().println("(see: risbnn " + e.getCommandLine().getCommandName() + " --help)");
            return USER_ERROR;
        });
        try {
            return cli.execute(args);
        } catch (Error e) {
            // picocli hands only Exceptions to the handler; a JVM Error (native library, memory) still gets one line
            System.err.println("risbnn: internal error: " + oneLine(String.valueOf(e)) + " (set RISBNN_DEBUG=1 for the stack trace)");
            if ("1".equals(System.getenv("RISBNN_DEBUG"))) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    private static int handleFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Throwable cause = e;
        while (!(cause instanceof RisbnnException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RisbnnException) {
            err.println("risbnn: " + oneLine(cause.getMessage()));
            err.flush();
            return USER_ERROR;
        }
        err.println("risbnn: internal error: " + oneLine(String.valueOf(e)) + " (set RISBNN_DEBUG=1 for the stack trace)");
        if ("1".equals(System.getenv("RISBNN_DEBUG"))) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"risbnn " + (v == null ? "dev" : v)};
        }
    }
}
