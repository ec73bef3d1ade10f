package io.risbnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.risbnn.RisbnnException;
import io.risbnn.report.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One file holding a run's state: a JSON header (model spec, configuration, data statistics,
 * progress) and named tensors (parameters, optimiser state), followed by a SHA-256 of everything
 * before it. Written atomically (temp file, fsync, rename), so a crash never leaves a half-written
 * checkpoint in place of a good one, and the checkpoint it replaces is kept as {@code <file>.prev}
 * (so a checkpoint damaged later on disk still has an intact predecessor). Read back only if magic,
 * version and checksum all agree.
 */
public final class Checkpoint {
    /** The checkpoint's file name inside a run directory. */
    public static final String FILE_NAME = "checkpoint.risbnn";
    private static final byte[] MAGIC = "RISBNN-CKPT\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int DIGEST_BYTES = 32;

    private final JsonObject header;
    private final Map<String, byte[]> tensors;

    /**
     * A checkpoint of a JSON header and encoded tensors.
     *
     * @param header the run's configuration, spec and training state
     * @param tensors DJL-encoded arrays by name ({@link #encode})
     */
    public Checkpoint(JsonObject header, Map<String, byte[]> tensors) {
        this.header = header;
        this.tensors = tensors;
    }

    /**
     * The JSON header: configuration, model spec, training state.
     *
     * @return the header object (live, not a copy)
     */
    public JsonObject header() {
        return header;
    }

    /**
     * Captures named arrays (parameters, optimiser state) as encoded bytes.
     *
     * @param arrays the arrays by name
     * @return DJL's encoding of each array, in the same order
     */
    public static Map<String, byte[]> encode(Map<String, NDArray> arrays) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        arrays.forEach((name, array) -> out.put(name, array.encode()));
        return out;
    }

    /**
     * The tensor named {@code name}, decoded into {@code manager}; error naming the file if absent.
     *
     * @param manager where the decoded array lives
     * @param name the tensor's name
     * @param file the checkpoint's path, for the error message
     * @return the decoded array
     * @throws RisbnnException if the checkpoint has no tensor of that name
     */
    public NDArray tensor(NDManager manager, String name, Path file) {
        byte[] bytes = tensors.get(name);
        if (bytes == null) {
            throw new RisbnnException("checkpoint " + file + ": no tensor '" + name + "' (written by another model?)");
        }
        return NDArray.decode(manager, bytes);
    }

    /**
     * The names of the stored tensors.
     *
     * @return the names, in stored order
     */
    public java.util.Set<String> tensorNames() {
        return tensors.keySet();
    }

    /**
     * Whether a tensor of that name is stored.
     *
     * @param name the tensor's name
     * @return true if present
     */
    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /**
     * Writes the checkpoint atomically (aside, then renamed over {@code file}); an existing checkpoint
     * is kept as {@link #previousOf(Path)}.
     *
     * @param file the checkpoint's path
     * @throws RisbnnException if the file or its predecessor cannot be written
     */
    public void save(Path file) {
        byte[] bytes = toBytes();
        Path previous = previousOf(file);
        try {
            if (Files.exists(file)) {
                // a second name for the current checkpoint, so that `file` itself exists at every moment: a
                // process killed while the new bytes are written still leaves a checkpoint to resume from
                Files.deleteIfExists(previous);
                try {
                    Files.createLink(previous, file);
                } catch (UnsupportedOperationException | IOException noLinks) {
                    Files.copy(file, previous, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new RisbnnException("checkpoint " + file + ": cannot keep the previous checkpoint (" + e.getMessage() + ")");
        }
        AtomicFiles.writeBytes(file, bytes);      // written aside, then renamed over `file` atomically
    }

    /**
     * Where the checkpoint replaced by the latest save is kept.
     *
     * @param file the checkpoint's path
     * @return the sibling {@code <file>.prev}
     */
    public static Path previousOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".prev");
    }

    /**
     * Loads {@code file}; if it is missing or damaged and an intact {@code .prev} exists, the error says
     * so (nothing is deleted or overwritten either way).
     *
     * @param file the checkpoint's path
     * @return the checkpoint
     * @throws RisbnnException if it is missing or damaged (mentioning an intact {@code .prev})
     */
    public static Checkpoint loadForResume(Path file) {
        try {
            return load(file);
        } catch (RisbnnException e) {
            Path previous = previousOf(file);
            if (Files.isRegularFile(previous)) {
                try {
                    load(previous);
                    throw new RisbnnException(e.getMessage() + "; the previous checkpoint " + previous
                            + " is intact: move it to " + file + " to resume from it");
                } catch (RisbnnException ignored) {
                    if (ignored.getMessage().contains("is intact")) {
                        throw ignored;
                    }
                }
            }
            throw e;
        }
    }

    byte[] toBytes() {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.write(MAGIC);
            out.writeInt(VERSION);
            byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            out.writeInt(tensors.size());
            for (Map.Entry<String, byte[]> e : tensors.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            out.flush();
            byte[] body = buffer.toByteArray();
            out.write(sha256(body, body.length));
            out.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads and verifies a checkpoint (magic bytes, SHA-256 checksum, format version).
     *
     * @param file the checkpoint's path
     * @return the checkpoint
     * @throws RisbnnException if the file cannot be read, is not a checkpoint, is damaged or has another version
     */
    public static Checkpoint load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RisbnnException("checkpoint " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(file, bytes);
    }

    static Checkpoint parse(Path file, byte[] bytes) {
        String where = "checkpoint " + file + ": ";
        if (bytes.length < MAGIC.length + DIGEST_BYTES || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new RisbnnException(where + "not a risbnn checkpoint (wrong magic bytes)");
        }
        int bodyLength = bytes.length - DIGEST_BYTES;
        if (!Arrays.equals(sha256(bytes, bodyLength), Arrays.copyOfRange(bytes, bodyLength, bytes.length))) {
            throw new RisbnnException(where + "checksum mismatch (truncated or corrupted file)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bodyLength))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw new RisbnnException(where + "format version " + version + ", this risbnn reads version " + VERSION);
            }
            byte[] json = in.readNBytes(in.readInt());
            JsonObject header = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
            int count = in.readInt();
            Map<String, byte[]> tensors = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                tensors.put(name, in.readNBytes(in.readInt()));
            }
            return new Checkpoint(header, tensors);
        } catch (IOException | RuntimeException e) {
            if (e instanceof RisbnnException r) {
                throw r;
            }
            throw new RisbnnException(where + "malformed contents (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(data, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
