package io.risbnn.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.risbnn.RisbnnException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The fuzz driver: runs seeded cases of one loader and checks that each either loads or throws
 * {@link RisbnnException} with a one-line message. Any other throwable (including {@link
 * OutOfMemoryError}, {@link StackOverflowError}, {@link NumberFormatException}, {@link
 * ArrayIndexOutOfBoundsException}) is a failure reported with the loader, case number, seed and
 * mutations. Cases run in batches under {@code assertTimeoutPreemptively}, so a hang fails the
 * test naming the case that was running. For single-threaded loaders the bytes allocated per case
 * are measured too: a small corrupt file must not make the loader allocate for what its header
 * merely claims.
 *
 * <p>Reproduce: {@code -Drisbnn.fuzz.case=N} runs only case N of each loader (same seeds), {@code
 * -Drisbnn.fuzz.seed=S} changes the base seed, {@code -Drisbnn.fuzz.scale=F} multiplies the case
 * counts (for long runs).
 */
final class Fuzz {
    static final long BASE_SEED = Long.getLong("risbnn.fuzz.seed", 0x5EED_F022L);
    static final int ONLY_CASE = Integer.getInteger("risbnn.fuzz.case", -1);
    static final double SCALE = Double.parseDouble(System.getProperty("risbnn.fuzz.scale", "1"));
    static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);
    /** Allocation allowed per case of a single-threaded loader (inputs are a few KB). */
    static final long ALLOCATION_LIMIT = 64L << 20;
    private static final int MAX_REPORTED = 15;

    private Fuzz() {}

    /** One case: build the mutated input with the mutator and load it. */
    @FunctionalInterface
    interface Case {
        void run(int caseNo, Mutator mutator) throws Exception;
    }

    /** Per-loader totals, printed and returned. */
    record Result(String loader, long seed, int cases, int accepted, int rejected,
            List<String> failures) {}

    /**
     * Runs {@code cases} cases (scaled by {@link #SCALE}) of {@code loader} in batches of {@code
     * batch}, then fails the test if any case failed.
     *
     * @param measureAllocation whether the loader runs on the calling thread only, so its
     *     allocation can be measured
     */
    static Result run(String loader, long seed, int cases, int batch, boolean measureAllocation,
            Case body) {
        return run(loader, seed, cases, batch, measureAllocation, BATCH_TIMEOUT, body);
    }

    /** As above with an explicit time limit per batch. */
    static Result run(String loader, long seed, int cases, int batch, boolean measureAllocation,
            Duration batchTimeout, Case body) {
        int total = ONLY_CASE >= 0 ? 1 : (int) Math.max(1, Math.round(cases * SCALE));
        int first = Math.max(0, ONLY_CASE);
        State state = new State();
        for (int start = first; start < first + total; start += batch) {
            int from = start;
            int to = Math.min(first + total, start + batch);
            assertTimeoutPreemptively(batchTimeout,
                    () -> runBatch(loader, seed, from, to, measureAllocation, body, state),
                    () -> loader + ": cases " + from + ".." + (to - 1) + " took longer than "
                            + batchTimeout.toMillis() + " ms; running case " + state.current
                            + " (" + reproduce(seed, state.current) + "), mutations "
                            + state.currentLog + " — a hang?");
        }
        Result result = new Result(loader, seed, total, state.accepted, state.rejected,
                List.copyOf(state.failures));
        print(result, state);
        if (!state.failures.isEmpty()) {
            fail(loader + ": " + state.failureCount + " of " + total
                    + " fuzz cases escaped with something other than RisbnnException:\n  "
                    + String.join("\n  ", state.failures));
        }
        return result;
    }

    /**
     * Replaces a file's content by deleting and recreating it: much faster than truncating in
     * place on ext4, whose auto_da_alloc flushes a file truncated to zero and rewritten.
     */
    static void rewrite(Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(file);
        Files.write(file, bytes);
    }

    /** The seed of case {@code caseNo}: independent streams for neighbouring cases. */
    static long caseSeed(long seed, int caseNo) {
        return mix64(mix64(seed) + caseNo);
    }

    private static final class State {
        int accepted;
        int rejected;
        int failureCount;
        final List<String> failures = new ArrayList<>();
        final Map<String, Integer> reasons = new HashMap<>();
        volatile int current = -1;
        volatile List<String> currentLog = List.of();
    }

    private static void runBatch(String loader, long seed, int from, int to,
            boolean measureAllocation, Case body, State state) {
        com.sun.management.ThreadMXBean threads = measureAllocation ? threadBean() : null;
        for (int i = from; i < to; i++) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the batch timed out: stop here
            }
            Mutator mutator = new Mutator(new SplittableRandom(caseSeed(seed, i)));
            state.current = i;
            state.currentLog = mutator.log();
            long before = threads == null ? 0 : threads.getCurrentThreadAllocatedBytes();
            String problem = null;
            Throwable thrown = null;
            boolean loaded = false;
            try {
                body.run(i, mutator);
                loaded = true;
            } catch (RisbnnException e) {
                String m = e.getMessage();
                if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
                    problem = "RisbnnException without a one-line message: " + quote(m);
                    thrown = e;
                } else {
                    state.rejected++;
                    state.reasons.merge(reason(m), 1, Integer::sum);
                }
            } catch (Throwable t) {
                problem = t.getClass().getName() + ": " + quote(t.getMessage());
                thrown = t;
            }
            if (problem == null && threads != null) {
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                if (allocated > ALLOCATION_LIMIT) {
                    problem = "allocated " + (allocated >> 20) + " MiB for a small input";
                }
            }
            if (problem == null && loaded) {
                state.accepted++;
            }
            if (problem != null) {
                state.failureCount++;
                if (state.failures.size() < MAX_REPORTED) {
                    state.failures.add(loader + " case " + i + " (" + reproduce(seed, i)
                            + "), mutations " + mutator.log() + ": " + problem
                            + (thrown == null ? "" : " at " + frames(thrown)));
                }
            }
        }
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean sun
                && sun.isThreadAllocatedMemorySupported()) {
            sun.setThreadAllocatedMemoryEnabled(true);
            return sun;
        }
        return null;
    }

    private static String reproduce(long seed, int caseNo) {
        return String.format(Locale.ROOT, "seed 0x%X, case seed 0x%X, -Drisbnn.fuzz.case=%d",
                seed, caseSeed(seed, caseNo), caseNo);
    }

    /** The top frames of the stack, on one line. */
    private static String frames(Throwable t) {
        StringBuilder b = new StringBuilder();
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < Math.min(4, stack.length); i++) {
            b.append(i == 0 ? "" : " < ").append(stack[i]);
        }
        return b.toString();
    }

    private static String quote(String m) {
        if (m == null) {
            return "null";
        }
        String cut = m.length() > 300 ? m.substring(0, 300) + "..." : m;
        return cut.replace("\n", "\\n").replace("\r", "\\r");
    }

    /** A rejection message with paths, numbers and quoted tokens blanked, for the summary. */
    static String reason(String message) {
        String r = message.replaceAll("(?<=^|\\s)/[^\\s:]*", "<path>")
                .replaceAll("'[^']*'", "'…'")
                .replaceAll("0x[0-9A-Fa-f]+", "0x#")
                .replaceAll("\\d+", "#");
        return r.length() > 110 ? r.substring(0, 110) + "…" : r;
    }

    private static void print(Result r, State state) {
        System.out.printf(Locale.ROOT,
                "FUZZ %-22s cases %5d  accepted %5d  rejected %5d  failed %d  (seed 0x%X)%n",
                r.loader(), r.cases(), r.accepted(), r.rejected(), state.failureCount, r.seed());
        state.reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(6)
                .forEach(e -> System.out.printf(Locale.ROOT, "     %5d  %s%n", e.getValue(),
                        e.getKey()));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
