package io.risbnn.data.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded random mutations of a valid input file. Every mutation applied is logged in a short,
 * readable form ({@link #log()}) so a failing case can be understood and replayed from its seed.
 *
 * <p>Generic byte mutations: bit flips, overwrites with interesting bytes, truncation, duplicated
 * or inserted chunks, deleted chunks, appended garbage, the empty file. Formats add their own:
 * {@link Format#intFields} (big-endian header ints overwritten with huge or boundary values),
 * {@link Format#byteFields} (e.g. label bytes) and, for text, token and line mutations.
 */
final class Mutator {
    /** Bytes the brief asks for plus a few boundaries. */
    static final byte[] INTERESTING_BYTES = {0, (byte) 0xFF, 0x7F, '-', '.', 'e', 'N', 'a', 'n', ' ',
        '\n', '\t', ',', (byte) 0x80, 1, '#', '\r', '0', '9', '+', (byte) 0xC3};

    /** Header int values: zero, one, negative, huge, 2^31 and beyond. */
    static final int[] INTERESTING_INTS = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE,
        0x40000000, 0x10000, 0x7FFF, 0xFFFF, 0x01000000, 28, 255, 256, 0x00000803, 0x00000801};

    /** Tokens a text table or index file may meet in the wild (or in a hostile file). */
    static final List<byte[]> TOKENS = tokens();

    /** What a file looks like, so mutations can target its fields. */
    record Format(boolean text, int[] intFields, int[] byteFields, int[] byteValues) {
        static Format ofText() {
            return new Format(true, new int[0], new int[0], new int[0]);
        }

        static Format ofBinary(int[] intFields, int[] byteFields, int[] byteValues) {
            return new Format(false, intFields, byteFields, byteValues);
        }
    }

    private final SplittableRandom rng;
    private final List<String> log = new ArrayList<>();

    Mutator(SplittableRandom rng) {
        this.rng = rng;
    }

    SplittableRandom rng() {
        return rng;
    }

    int nextInt(int bound) {
        return rng.nextInt(bound);
    }

    boolean nextBoolean() {
        return rng.nextBoolean();
    }

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    /** Adds a free-form entry to the log (e.g. which file of a folder was mutated). */
    void note(String entry) {
        log.add(entry);
    }

    List<String> log() {
        return log;
    }

    /** 1 to 3 stacked random mutations of {@code valid} (which is not modified). */
    byte[] mutate(byte[] valid, Format format) {
        byte[] data = valid.clone();
        int count = 1 + rng.nextInt(3);
        for (int m = 0; m < count; m++) {
            data = mutateOnce(data, format);
            if (data.length == 0) {
                break;
            }
        }
        return data;
    }

    private byte[] mutateOnce(byte[] data, Format format) {
        int kinds = format.text() ? 12 : 10;
        int kind = rng.nextInt(kinds);
        if (data.length == 0 && kind != 7) {
            kind = 7;
        }
        if (rng.nextInt(100) < 2) {
            log.add("empty");
            return new byte[0];
        }
        switch (kind) {
            case 0 -> {
                int flips = 1 + rng.nextInt(8);
                StringBuilder b = new StringBuilder("bitflip");
                for (int i = 0; i < flips; i++) {
                    int at = rng.nextInt(data.length);
                    int bit = rng.nextInt(8);
                    data[at] ^= (byte) (1 << bit);
                    b.append(' ').append(at).append('.').append(bit);
                }
                log.add(b.toString());
                return data;
            }
            case 1 -> {
                int writes = 1 + rng.nextInt(4);
                StringBuilder b = new StringBuilder("overwrite");
                for (int i = 0; i < writes; i++) {
                    int at = rng.nextInt(data.length);
                    byte v = INTERESTING_BYTES[rng.nextInt(INTERESTING_BYTES.length)];
                    data[at] = v;
                    b.append(' ').append(at).append('=').append(hex(v));
                }
                log.add(b.toString());
                return data;
            }
            case 2 -> {
                int at = rng.nextInt(data.length);
                log.add("truncate " + at + "/" + data.length);
                return Arrays.copyOf(data, at);
            }
            case 3 -> {
                int from = rng.nextInt(data.length);
                int len = 1 + rng.nextInt(Math.min(data.length - from, 1 + rng.nextInt(4096)));
                int at = rng.nextInt(data.length + 1);
                log.add("duplicate " + from + "+" + len + " at " + at);
                return insert(data, at, Arrays.copyOfRange(data, from, from + len));
            }
            case 4 -> {
                int len = 1 + rng.nextInt(rng.nextBoolean() ? 8 : 512);
                byte[] chunk = new byte[len];
                for (int i = 0; i < len; i++) {
                    chunk[i] = (byte) rng.nextInt(256);
                }
                int at = rng.nextInt(data.length + 1);
                log.add("insert-random " + len + " at " + at);
                return insert(data, at, chunk);
            }
            case 5 -> {
                int from = rng.nextInt(data.length);
                int len = 1 + rng.nextInt(Math.min(data.length - from, 1 + rng.nextInt(256)));
                log.add("delete " + from + "+" + len);
                byte[] out = new byte[data.length - len];
                System.arraycopy(data, 0, out, 0, from);
                System.arraycopy(data, from + len, out, from, data.length - from - len);
                return out;
            }
            case 6 -> {
                return header(data, format);
            }
            case 7 -> {
                int len = 1 + rng.nextInt(rng.nextBoolean() ? 16 : 4096);
                byte[] tail = new byte[len];
                boolean copy = rng.nextBoolean() && data.length > 0;
                for (int i = 0; i < len; i++) {
                    tail[i] = copy ? data[rng.nextInt(data.length)] : (byte) rng.nextInt(256);
                }
                log.add("append " + len + (copy ? " copied" : " random"));
                return insert(data, data.length, tail);
            }
            case 8 -> {
                // same bytes at another place: swap two chunks of equal length
                int len = 1 + rng.nextInt(Math.max(1, Math.min(64, data.length / 2)));
                if (data.length < 2 * len) {
                    return mutateOnce(data, format);
                }
                int a = rng.nextInt(data.length - len + 1);
                int b = rng.nextInt(data.length - len + 1);
                byte[] tmp = Arrays.copyOfRange(data, a, a + len);
                System.arraycopy(data, b, data, a, len);
                System.arraycopy(tmp, 0, data, b, len);
                log.add("swap " + a + "<->" + b + " +" + len);
                return data;
            }
            case 9 -> {
                int at = rng.nextInt(data.length);
                int len = 1 + rng.nextInt(Math.min(data.length - at, 64));
                byte v = INTERESTING_BYTES[rng.nextInt(INTERESTING_BYTES.length)];
                Arrays.fill(data, at, at + len, v);
                log.add("fill " + at + "+" + len + "=" + hex(v));
                return data;
            }
            case 10 -> {
                return token(data);
            }
            default -> {
                return line(data);
            }
        }
    }

    /** Overwrites a header int or byte field with a boundary value (binary formats). */
    private byte[] header(byte[] data, Format format) {
        boolean ints = format.intFields().length > 0
                && (format.byteFields().length == 0 || rng.nextBoolean());
        if (ints) {
            int at = format.intFields()[rng.nextInt(format.intFields().length)];
            if (at + 4 > data.length) {
                return mutateOnce(data, format);
            }
            int v = rng.nextInt(4) == 0 ? rng.nextInt() : INTERESTING_INTS[rng.nextInt(INTERESTING_INTS.length)];
            data[at] = (byte) (v >>> 24);
            data[at + 1] = (byte) (v >>> 16);
            data[at + 2] = (byte) (v >>> 8);
            data[at + 3] = (byte) v;
            log.add("header-int @" + at + "=" + String.format(Locale.ROOT, "0x%08X", v));
            return data;
        }
        if (format.byteFields().length > 0) {
            int at = format.byteFields()[rng.nextInt(format.byteFields().length)];
            if (at >= data.length) {
                return mutateOnce(data, format);
            }
            int v = format.byteValues()[rng.nextInt(format.byteValues().length)];
            data[at] = (byte) v;
            log.add("header-byte @" + at + "=" + v);
            return data;
        }
        // text: replace a run of digits with a huge number
        return token(data);
    }

    /** Inserts an interesting token at a random position or over a random token (text). */
    private byte[] token(byte[] data) {
        byte[] token = TOKENS.get(rng.nextInt(TOKENS.size()));
        int at = rng.nextInt(data.length + 1);
        if (rng.nextBoolean() && data.length > 0) {
            // replace the token around `at`: extend to the separators on both sides
            int from = Math.min(at, data.length - 1);
            while (from > 0 && !separator(data[from - 1])) {
                from--;
            }
            int to = Math.min(at, data.length - 1);
            while (to < data.length && !separator(data[to])) {
                to++;
            }
            log.add("replace-token " + from + ".." + to + " with " + show(token));
            byte[] out = new byte[data.length - (to - from) + token.length];
            System.arraycopy(data, 0, out, 0, from);
            System.arraycopy(token, 0, out, from, token.length);
            System.arraycopy(data, to, out, from + token.length, data.length - to);
            return out;
        }
        log.add("insert-token " + show(token) + " at " + at);
        return insert(data, at, token);
    }

    /** Duplicates, deletes or swaps whole lines (text). */
    private byte[] line(byte[] data) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                lines.add(Arrays.copyOfRange(data, start, i + 1));
                start = i + 1;
            }
        }
        if (start < data.length) {
            lines.add(Arrays.copyOfRange(data, start, data.length));
        }
        if (lines.isEmpty()) {
            return token(data);
        }
        int a = rng.nextInt(lines.size());
        int b = rng.nextInt(lines.size());
        switch (rng.nextInt(3)) {
            case 0 -> {
                lines.add(b, lines.get(a));
                log.add("duplicate-line " + (a + 1) + " before " + (b + 1));
            }
            case 1 -> {
                lines.remove(a);
                log.add("delete-line " + (a + 1));
            }
            default -> {
                byte[] t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
                log.add("swap-lines " + (a + 1) + "," + (b + 1));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
        for (byte[] l : lines) {
            out.writeBytes(l);
        }
        return out.toByteArray();
    }

    private static boolean separator(byte b) {
        return b == ' ' || b == '\t' || b == ',' || b == '\n' || b == '\r';
    }

    private static byte[] insert(byte[] data, int at, byte[] chunk) {
        byte[] out = new byte[data.length + chunk.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(chunk, 0, out, at, chunk.length);
        System.arraycopy(data, at, out, at + chunk.length, data.length - at);
        return out;
    }

    private static String hex(byte v) {
        return String.format(Locale.ROOT, "%02x", v & 0xFF);
    }

    /** A token for the log: printable ASCII as is, anything else as \xNN. */
    private static String show(byte[] token) {
        if (token.length > 24) {
            return "'" + (char) token[0] + "'x" + token.length;
        }
        StringBuilder b = new StringBuilder("'");
        for (byte t : token) {
            if (t >= 0x21 && t < 0x7F && t != '\'') {
                b.append((char) t);
            } else {
                b.append("\\x").append(hex(t));
            }
        }
        return b.append('\'').toString();
    }

    private static List<byte[]> tokens() {
        List<byte[]> list = new ArrayList<>();
        for (String t : new String[] {"NaN", "nan", "-Infinity", "inf", "+inf", "1e999", "-1e999",
            "1e-400", "4.9e-324", "1.7976931348623157e308", "0x1p3", "1d", "1f", "-0", "+5", "00",
            "1.", ".5", "-", ".", "e", "1e", "1e+", "--1", "1-", "1..2", "99999999999",
            "2147483647", "2147483648", "4294967296", "9223372036854775808", "-1", "1.0", "12.000",
            "0.0000", "+0", "١٢", "１２", "\uFEFF", "\u00A0", "\u2028", "\u0085", "#", "# c\n",
            "", ",", ",,", "\t", "\r", "\r\n", "\n\n", "\u0000", "\uD835\uDFD9", "\u001C",
            "\u000B", "\f", "1,2", "1 2"}) {
            list.add(t.getBytes(StandardCharsets.UTF_8));
        }
        list.add(new byte[] {(byte) 0xC3, 0x28}); // invalid UTF-8 continuation
        list.add(new byte[] {(byte) 0xFF, (byte) 0xFE}); // UTF-16 byte order mark
        list.add(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // encoded surrogate
        list.add(new byte[] {(byte) 0xC0, (byte) 0xAF}); // overlong
        list.add(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}); // > U+10FFFF
        list.add("1".repeat(5000).getBytes(StandardCharsets.US_ASCII));
        list.add(("9".repeat(400)).getBytes(StandardCharsets.US_ASCII));
        list.add(("0.".repeat(1) + "0".repeat(400) + "1").getBytes(StandardCharsets.US_ASCII));
        list.add((" ".repeat(3000)).getBytes(StandardCharsets.US_ASCII));
        list.add(("1e" + "9".repeat(30)).getBytes(StandardCharsets.US_ASCII));
        return List.copyOf(list);
    }
}
