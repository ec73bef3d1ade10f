package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.runtime.Devices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs risbnn sub-commands in child JVMs, {@code workers} at a time, each with one engine thread.
 * Independent runs use the machine's cores this way (the engine's random generator is global to a
 * process, so runs cannot share one JVM and stay deterministic). Children get MKL_CBWR=AUTO,STRICT
 * so their results do not depend on memory alignment, {@link EngineSetup#MALLOC_TUNABLES} unless
 * the parent's environment sets GLIBC_TUNABLES, and the parent's device. A parent that is stopped (SIGTERM,
 * Ctrl-C) stops its running children the same way before it exits, so each writes its checkpoint and none goes on
 * as an orphan writing into the parent's run folders (seen: a killed {@code uci} left its child training, and a
 * restarted {@code uci} trained the same split beside it).
 */
final class ChildRuns {
    /** How long a stopping parent waits for each child to write its checkpoint and exit. */
    private static final long STOP_WAIT_SECONDS = 60;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildRuns::stopChildren, "risbnn-stop-children"));
    }

    private ChildRuns() {}

    /**
     * One child run.
     *
     * @param args the risbnn sub-command and its arguments
     * @param log where its output goes
     * @param appendLog add to the log (a continued run) instead of replacing it
     */
    record Child(List<String> args, Path log, boolean appendLog) {}

    /** Runs each child, {@code workers} at a time. Fails on the first failure. */
    static void runAll(List<Child> children, int workers) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Child child : children) {
                futures.add(pool.submit(() -> runOne(child)));
            }
            for (int i = 0; i < futures.size(); i++) {
                int code = futures.get(i).get();
                if (code != 0) {
                    Path log = children.get(i).log();
                    throw new RisbnnException("child run failed (exit " + code + "): " + lastLine(log) + " (log: " + log + ")");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RisbnnException("interrupted while waiting for child runs");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new RisbnnException("child run could not be started: " + e.getCause().getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The child JVM's command line: this JVM's java, its class path and, if it has it, the Vector API module. */
    static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()) {     // the parent's fast RIS loop holds for its children
            command.add("--add-modules");
            command.add(VECTOR_MODULE);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(args);
        return command;
    }

    private static int runOne(Child child) throws IOException, InterruptedException {
        List<String> command = command(child.args());
        Files.createDirectories(child.log().getParent());
        ProcessBuilder.Redirect output = child.appendLog() ? ProcessBuilder.Redirect.appendTo(child.log().toFile())
                : ProcessBuilder.Redirect.to(child.log().toFile());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        reproducibleEnvironment(builder, 1);
        Process p = start(builder);
        try {
            return p.waitFor();
        } finally {
            LIVE.remove(p);
        }
    }

    /** Starts a child and keeps it in the set {@link #stopChildren} stops. */
    static Process start(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
        LIVE.add(p);
        return p;
    }

    /**
     * Sends every running child SIGTERM (it writes its checkpoint and exits, as a stopped {@code train} does) and
     * waits for each: the parent's shutdown hook.
     */
    static void stopChildren() {
        for (Process p : LIVE) {
            p.destroy();
        }
        for (Process p : LIVE) {
            try {
                if (!p.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                LIVE.remove(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The environment a reproducible child run needs: MKL's alignment-independent mode and its thread
     * count; also the malloc settings that keep its steps fast.
     */
    static void reproducibleEnvironment(ProcessBuilder builder, int threads) {
        builder.environment().putIfAbsent("MKL_CBWR", "AUTO,STRICT");
        builder.environment().putIfAbsent("GLIBC_TUNABLES", EngineSetup.MALLOC_TUNABLES);
        builder.environment().put("RISBNN_THREADS", Integer.toString(threads));
        // the parent's --device holds for its child runs
        builder.environment().put(Devices.ENVIRONMENT, Devices.spec(Devices.current()));
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("risbnn:")) {
                    return lines.get(i).trim();
                }
            }
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException e) {
            return "(no log)";
        }
        return "(empty log)";
    }

    /** The user's arguments without the given options (and their values). */
    static List<String> withoutOptions(List<String> args, List<String> optionsWithValue, List<String> flags) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (flags.contains(name)) {
                continue;
            }
            if (optionsWithValue.contains(name)) {
                if (!a.contains("=")) {
                    i++;
                }
                continue;
            }
            out.add(a);
        }
        return out;
    }
}
