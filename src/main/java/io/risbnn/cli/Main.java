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
    /** The exit code of a user error: a bad option, file or value, reported in one line on stderr. */
    public static final int USER_ERROR = 2;

    /**
     * Runs the {@code risbnn} command and exits the JVM with its code: 0 on success, {@value #USER_ERROR} on a user
     * error, 1 on an unexpected failure.
     *
     * @param args the command line, e.g. {@code train --data concrete}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the CLI in this JVM and returns the exit code instead of exiting (used by tests); errors are printed,
     * never thrown.
     *
     * @param args the command line, e.g. {@code train --data concrete}
     * @return 0 on success, {@value #USER_ERROR} on a user error, 1 on an unexpected failure
     */
    public static int run(String... args) {
        EngineSetup.configure();
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handleFailure);
        cli.setExecutionStrategy(Main::validateThenRun);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("risbnn: " + oneLine(e.getMessage())
                    + " (see: risbnn " + e.getCommandLine().getCommandName() + " --help)");
            return USER_ERROR;
        });
        try {
            return cli.execute(args);
        } catch (Error e) {
            // picocli hands only Exceptions to the handler; a JVM Error (native library, memory) still gets one line
            String cache = EngineSetup.cacheProblem(e);
            if (cache != null) {
                System.err.println("risbnn: " + cache);
                return USER_ERROR;
            }
            System.err.println("risbnn: internal error: " + oneLine(String.valueOf(e)) + " (set RISBNN_DEBUG=1 for the stack trace)");
            if ("1".equals(System.getenv("RISBNN_DEBUG"))) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    /** Checks the executed command's option mixins ({@link ValidatedOptions}) before it runs; help skips the checks. */
    private static int validateThenRun(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        boolean help = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
        while (last.hasSubcommand()) {
            last = last.subcommand();
            help |= last.isUsageHelpRequested() || last.isVersionHelpRequested();
        }
        if (!help) {
            try {
                for (CommandLine.Model.CommandSpec mixin : last.commandSpec().mixins().values()) {
                    if (mixin.userObject() instanceof ValidatedOptions options) {
                        options.validate();
                    }
                }
            } catch (RisbnnException e) {
                // execute() hands only ExecutionExceptions to the failure handler
                throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), e.getMessage(), e);
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static int handleFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Throwable cause = e;
        while (!(cause instanceof RisbnnException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String userError = cause instanceof RisbnnException ? cause.getMessage() : EngineSetup.cacheProblem(e);
        if (userError != null) {
            err.println("risbnn: " + oneLine(userError));
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

    /**
     * risbnn's version, then DJL's and the loaded PyTorch natives' (version, CPU or CUDA build, GPUs seen).
     * risbnn's is the pom's, from a resource Maven filters at build time (present in target/classes and
     * in both jars); the jar manifest's Implementation-Version as a fallback; "dev" when neither is found.
     */
    static final class Version implements CommandLine.IVersionProvider {
        static final String RESOURCE = "/risbnn-version.properties";

        @Override
        public String[] getVersion() {
            return new String[] {"risbnn " + version(), "DJL " + ai.djl.engine.Engine.getDjlVersion(), engine()};
        }

        /** Loads the engine, so the line tells which natives a run would use (or why none load). */
        static String engine() {
            try {
                ai.djl.engine.Engine engine = ai.djl.engine.Engine.getInstance();
                boolean cuda = engine.hasCapability("CUDA");
                return engine.getEngineName() + " " + engine.getVersion() + " ("
                        + (cuda ? "CUDA build, " + engine.getGpuCount() + " GPU(s) visible" : "CPU build") + ")";
            } catch (RuntimeException | LinkageError e) {
                return "PyTorch: the natives did not load: " + oneLine(String.valueOf(e));
            }
        }

        static String version() {
            try (java.io.InputStream in = Main.class.getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    java.util.Properties p = new java.util.Properties();
                    p.load(in);
                    String v = p.getProperty("version", "");
                    if (!v.isBlank() && !v.startsWith("${")) {
                        return v;
                    }
                }
            } catch (java.io.IOException e) {
                // fall back to the manifest
            }
            String v = Main.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }
    }
}
