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
    public static final String FILE_NAME = "checkpoint.risbnn";
    private static final byte[] MAGIC = "RISBNN-CKPT\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int DIGEST_BYTES = 32;

    private final JsonObject header;
    private final Map<String, byte[]> tensors;

    public Checkpoint(JsonObject header, Map<String, byte[]> tensors) {
        this.header = header;
        this.tensors = tensors;
    }

    public JsonObject header() {
        return header;
    }

    /** Captures named arrays (parameters, optimiser state) as encoded bytes. */
    public static Map<String, byte[]> encode(Map<String, NDArray> arrays) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        arrays.forEach((name, array) -> out.put(name, array.encode()));
        return out;
    }

    /** The tensor named {@code name}, decoded into {@code manager}; error naming the file if absent. */
    public NDArray tensor(NDManager manager, String name, Path file) {
        byte[] bytes = tensors.get(name);
        if (bytes == null) {
            throw new RisbnnException("checkpoint " + file + ": no tensor '" + name + "' (written by another model?)");
        }
        return NDArray.decode(manager, bytes);
    }

    public java.util.Set<String> tensorNames() {
        return tensors.keySet();
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

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

    /** Where the checkpoint replaced by the latest save is kept. */
    public static Path previousOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".prev");
    }

    /**
     * Loads {@code file}; if it is missing or damaged and an intact {@code .prev} exists, the error says
     * so (nothing is deleted or overwritten either way).
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
