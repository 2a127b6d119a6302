package dev.stepwise.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStoreTest {
  @TempDir Path dir;

  private StoreDocument addOrchestrator(StackStore store, String name) {
    return store.update(d -> d.withComponent(ComponentType.ORCHESTRATOR, name, new StoredComponent("local", Map.of())));
  }

  @Test
  void firstUseHasTheDefaultStackWithoutWritingAnything() {
    StoreDocument document = StackStore.at(dir).read();
    StoredStack stack = document.stack("default").orElseThrow();
    assertEquals("default", stack.component(ComponentType.ORCHESTRATOR).orElseThrow());
    assertEquals(dir.resolve("artifacts").toString(),
        document.component(ComponentType.ARTIFACT_STORE, "default").orElseThrow().config().get("path"));
    assertTrue(Files.notExists(dir.resolve(StackStore.FILE_NAME)));
  }

  @Test
  void writesSurviveARoundTrip() {
    StackStore store = StackStore.at(dir);
    addOrchestrator(store, "o1");
    store.update(d -> d.withActiveStack("default"));
    StoreDocument read = StackStore.at(dir).read();
    assertTrue(read.component(ComponentType.ORCHESTRATOR, "o1").isPresent());
    assertEquals("default", read.activeStackChoice().orElseThrow());
  }

  @Test
  void aFailedChangeLeavesTheFileUntouched() throws Exception {
    StackStore store = StackStore.at(dir);
    addOrchestrator(store, "o1");
    byte[] before = Files.readAllBytes(store.file());
    assertThrows(StackException.class, () -> store.update(d -> {
      throw new StackException("refused");
    }));
    assertArrayEquals(before, Files.readAllBytes(store.file()));
  }

  @Test
  void aWriteInterruptedBeforeTheRenameLeavesThePreviousStateReadable() throws Exception {
    StackStore store = StackStore.at(dir);
    addOrchestrator(store, "o1");
    // What a writer killed between writing its temp file and renaming it leaves behind.
    Path stale = dir.resolve(StackStore.FILE_NAME + ".0b5e4d.tmp");
    Files.writeString(stale, "{\"version\": 1, \"components\": {\"orchestr");
    assertTrue(store.read().component(ComponentType.ORCHESTRATOR, "o1").isPresent());

    addOrchestrator(store, "o2");
    assertTrue(Files.notExists(stale), "the next writer removes the stale temp file");
    StoreDocument after = store.read();
    assertTrue(after.component(ComponentType.ORCHESTRATOR, "o1").isPresent());
    assertTrue(after.component(ComponentType.ORCHESTRATOR, "o2").isPresent());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.filter(f -> f.toString().endsWith(".tmp")).count());
    }
  }

  @Test
  void unknownKeysInTheStoreAreAnErrorNamingTheFile() throws Exception {
    Files.writeString(dir.resolve(StackStore.FILE_NAME), "{\"version\": 1, \"stacks\": {}, \"colour\": \"red\"}");
    StackException e = assertThrows(StackException.class, () -> StackStore.at(dir).read());
    assertTrue(e.getMessage().contains(dir.resolve(StackStore.FILE_NAME) + " has an unknown key 'colour'"), e.getMessage());
  }

  @Test
  void unknownComponentTypeInTheStoreIsAnErrorNamingTheFile() throws Exception {
    Files.writeString(dir.resolve(StackStore.FILE_NAME),
        "{\"version\": 1, \"stacks\": {\"s\": {\"orchestrator\": \"o\", \"alerter\": \"x\"}}}");
    StackException e = assertThrows(StackException.class, () -> StackStore.at(dir).read());
    assertTrue(e.getMessage().contains(dir.resolve(StackStore.FILE_NAME) + " is not valid"), e.getMessage());
    assertTrue(e.getMessage().contains("unknown component type 'alerter'"), e.getMessage());
  }

  @Test
  void corruptStoreIsAnErrorAndIsNotOverwritten() throws Exception {
    Path file = dir.resolve(StackStore.FILE_NAME);
    Files.writeString(file, "{\"version\": 1, \"comp");
    StackStore store = StackStore.at(dir);
    StackException e = assertThrows(StackException.class, () -> addOrchestrator(store, "o"));
    assertTrue(e.getMessage().contains(file + " is not valid"), e.getMessage());
    assertEquals("{\"version\": 1, \"comp", Files.readString(file));
  }

  @Test
  void threadsOfOneProcessLoseNothing() throws Exception {
    StackStore store = StackStore.at(dir);
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 10; i++) {
          addOrchestrator(store, "t" + id + "_" + i);
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(41, store.read().components(ComponentType.ORCHESTRATOR).size());
  }
}
