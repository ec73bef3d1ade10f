package io.risbnn.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SHA-256 fingerprints of data, so a run can tell whether the data it reads now is the data it was
 * trained on: of a whole data set (names and every value), and of single feature rows (to count how
 * many rows of a new input are rows the run trained or tested on).
 */
public final class Fingerprint {
    private Fingerprint() {}

    /**
     * Hex SHA-256 of the column names, the features and the targets of every row of {@code data}.
     *
     * @param data the data set
     * @return 64 hex digits; equal data sets give equal fingerprints
     */
    public static String of(RegressionData data) {
        MessageDigest digest = sha256();
        for (String name : data.featureNames()) {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update(data.targetName().getBytes(StandardCharsets.UTF_8));
        double[][] x = data.features();
        double[] y = data.targets();
        ByteBuffer buffer = ByteBuffer.allocate(8 * (data.featureCount() + 1));
        for (int r = 0; r < y.length; r++) {
            buffer.clear();
            for (double v : x[r]) {
                buffer.putDouble(v);
            }
            buffer.putDouble(y[r]);
            digest.update(buffer.array());
        }
        return hex(digest.digest());
    }

    /**
     * Hashes of feature rows, for membership tests (collisions of a 64-bit prefix of SHA-256 are negligible).
     *
     * @param rows feature rows
     * @return the set of the rows' 64-bit hashes
     */
    public static Set<Long> rowHashes(double[][] rows) {
        MessageDigest digest = sha256();
        Set<Long> out = new HashSet<>();
        for (double[] row : rows) {
            out.add(rowHash(row, digest));
        }
        return out;
    }

    /** 64 bits of the row's SHA-256 ({@code digest} is reused: digest() resets it). */
    private static long rowHash(double[] row, MessageDigest digest) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * row.length);
        for (double v : row) {
            buffer.putDouble(v == 0.0 ? 0.0 : v); // -0.0 and 0.0 are the same input
        }
        return ByteBuffer.wrap(digest.digest(buffer.array())).getLong();
    }

    /**
     * How many of {@code rows} are among {@code known}.
     *
     * @param rows feature rows
     * @param known hashes from {@link #rowHashes}
     * @return the number of rows whose hash is known
     */
    public static int countKnown(List<double[]> rows, Set<Long> known) {
        MessageDigest digest = sha256();
        int n = 0;
        for (double[] row : rows) {
            if (known.contains(rowHash(row, digest))) {
                n++;
            }
        }
        return n;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return out.toString();
    }
}
