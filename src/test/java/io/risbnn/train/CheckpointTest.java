package io.risbnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.risbnn.RisbnnException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path tmp;

    private Path writeOne(NDManager m) {
        JsonObject header = new JsonObject();
        header.addProperty("kind", "test");
        NDArray a = m.create(new float[] {1, 2, 3, 4}).reshape(2, 2);
        Path file = tmp.resolve("c.risbnn");
        new Checkpoint(header, Checkpoint.encode(Map.of("a", a))).save(file);
        return file;
    }

    @Test
    void roundTrip() {
        try (NDManager m = NDManager.newBaseManager()) {
            Path file = writeOne(m);
            Checkpoint c = Checkpoint.load(file);
            assertEquals("test", c.header().get("kind").getAsString());
            assertArrayEquals(new float[] {1, 2, 3, 4}, c.tensor(m, "a", file).toFloatArray());
            RisbnnException e = assertThrows(RisbnnException.class, () -> c.tensor(m, "b", file));
            assertTrue(e.getMessage().contains("c.risbnn"));
        }
    }

    @Test
    void truncatedCorruptedAndForeignFilesAreRefusedByName() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path file = writeOne(m);
            byte[] good = Files.readAllBytes(file);

            Files.write(file, Arrays.copyOf(good, good.length - 10));
            assertTrue(assertThrows(RisbnnException.class, () -> Checkpoint.load(file)).getMessage().contains("checksum"));

            byte[] flipped = good.clone();
            flipped[flipped.length / 2] ^= 1;
            Files.write(file, flipped);
            assertTrue(assertThrows(RisbnnException.class, () -> Checkpoint.load(file)).getMessage().contains(file.toString()));

            Files.writeString(file, "PK\u0003\u0004 a zip file, not ours");
            assertTrue(assertThrows(RisbnnException.class, () -> Checkpoint.load(file)).getMessage().contains("magic"));
        }
    }

    @Test
    void savingKeepsThePreviousCheckpointAndADamagedOneNamesTheIntactPredecessor() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path file = writeOne(m);
            JsonObject header = new JsonObject();
            header.addProperty("kind", "second");
            new Checkpoint(header, Checkpoint.encode(Map.of("a", m.zeros(new ai.djl.ndarray.types.Shape(2))))).save(file);
            assertEquals("second", Checkpoint.load(file).header().get("kind").getAsString());
            assertEquals("test", Checkpoint.load(Checkpoint.previousOf(file)).header().get("kind").getAsString());

            byte[] good = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(good, good.length / 2));
            RisbnnException e = assertThrows(RisbnnException.class, () -> Checkpoint.loadForResume(file));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(".prev is intact"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            assertEquals("test", Checkpoint.load(Checkpoint.previousOf(file)).header().get("kind").getAsString());
        }
    }
}
