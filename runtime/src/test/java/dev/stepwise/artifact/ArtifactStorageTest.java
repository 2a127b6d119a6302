package dev.stepwise.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStorageTest {
  @TempDir Path dir;

  enum Color { RED, GREEN }

  record Point(int x, int y, Color color) {}

  public static class Bean {
    public String name;
    public List<Integer> values;

    @Override
    public boolean equals(Object o) {
      return o instanceof Bean b && b.name.equals(name) && b.values.equals(values);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }

  ArtifactStorage storage() {
    return new ArtifactStorage(new LocalArtifactStore(dir), Materializers.discover());
  }

  <T> T roundTrip(Object value, TypeReference<T> type) throws ArtifactException {
    URI uri = new LocalArtifactStore(dir).resolve("a/" + Math.abs(type.getType().getTypeName().hashCode()) + "/");
    storage().save(uri, value, type.getType());
    @SuppressWarnings("unchecked")
    T loaded = (T) storage().load(uri, type.getType());
    return loaded;
  }

  @Test
  void jsonRoundTripsTheSupportedTypes() throws Exception {
    assertEquals(7L, roundTrip(7L, new TypeReference<Long>() {}));
    assertEquals("text", roundTrip("text", new TypeReference<String>() {}));
    assertEquals(Color.GREEN, roundTrip(Color.GREEN, new TypeReference<Color>() {}));
    Point p = new Point(1, 2, Color.RED);
    assertEquals(p, roundTrip(p, new TypeReference<Point>() {}));
    Map<String, List<Point>> nested = Map.of("a", List.of(p, p));
    assertEquals(nested, roundTrip(nested, new TypeReference<Map<String, List<Point>>>() {}));
    assertEquals(Set.of(Color.RED), roundTrip(Set.of(Color.RED), new TypeReference<Set<Color>>() {}));
    Bean bean = new Bean();
    bean.name = "b";
    bean.values = List.of(1, 2);
    assertEquals(bean, roundTrip(bean, new TypeReference<Bean>() {}));
  }

  @Test
  void bytesAreStoredRaw() throws Exception {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    URI uri = store.resolve("bytes/");
    storage().save(uri, new byte[] {1, 2, 3}, byte[].class);
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(dir.resolve("bytes/data.bin")));
    assertEquals("bytes", storage().info(uri).materializer());
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) storage().load(uri, byte[].class));
  }

  @Test
  void primitivesAndBoxesAreTheSameType() throws Exception {
    URI uri = new LocalArtifactStore(dir).resolve("p/");
    storage().save(uri, 3, int.class);
    assertEquals(3, storage().load(uri, Integer.class));
  }

  @Test
  void typeMismatchIsExplained() throws Exception {
    URI uri = new LocalArtifactStore(dir).resolve("m/");
    storage().save(uri, "x", String.class);
    ArtifactException e = assertThrows(ArtifactException.class, () -> storage().load(uri, Long.class));
    assertTrue(e.getMessage().contains("holds a java.lang.String but a java.lang.Long was requested"), e.getMessage());
  }

  @Test
  void artifactWithoutInfoIsIncomplete() throws Exception {
    Files.createDirectories(dir.resolve("half"));
    Files.writeString(dir.resolve("half/data.json"), "1");
    URI uri = new LocalArtifactStore(dir).resolve("half/");
    assertFalse(storage().exists(uri));
    ArtifactException e = assertThrows(ArtifactException.class, () -> storage().load(uri, Integer.class));
    assertTrue(e.getMessage().contains("storing did not finish"), e.getMessage());
  }

  @Test
  void failedStoreLeavesNoCompleteArtifact() throws Exception {
    URI uri = new LocalArtifactStore(dir).resolve("over/");
    storage().save(uri, 1L, Long.class);
    Object unserializable = new Object() {
      public Object getSelf() {
        throw new IllegalStateException("cannot serialize me");
      }
    };
    assertThrows(ArtifactException.class, () -> storage().save(uri, unserializable, Object.class));
    assertFalse(storage().exists(uri), "the old artifact.json must not vouch for new data");
  }

  @Test
  void unsupportedTypesAreNamed() {
    ArtifactException e = assertThrows(ArtifactException.class,
        () -> storage().save(new LocalArtifactStore(dir).resolve("t/"), Thread.currentThread(), Runnable.class));
    assertTrue(e.getMessage().contains("no materializer can store type java.lang.Runnable"), e.getMessage());
    assertFalse(new JsonMaterializer().canHandle(new TypeReference<Map<Point, String>>() {}.getType()));
    assertTrue(new JsonMaterializer().canHandle(new TypeReference<Map<Color, String>>() {}.getType()));
    assertFalse(new JsonMaterializer().canHandle(org.apache.spark.sql.SparkSession.class));
  }

  @Test
  void localStoreWritesAtomicallyAndStaysInsideItsRoot() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(dir);
    URI file = store.resolve("x/y.txt");
    store.write(file, "one".getBytes());
    assertThrows(java.io.UncheckedIOException.class, () -> store.write(file, out -> {
      out.write("partial".getBytes());
      throw new java.io.UncheckedIOException(new IOException("disk full"));
    }));
    assertEquals("one", new String(store.read(file)));
    try (var files = Files.list(dir.resolve("x"))) {
      assertEquals(List.of("y.txt"), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
    }
    assertThrows(IllegalArgumentException.class, () -> store.resolve("../escape"));
    assertTrue(store.resolve("d/").toString().endsWith("/d/"));
    assertFalse(store.resolve("f").toString().endsWith("/"));
    assertTrue(store.isLocal());
    try (var log = store.append(store.resolve("log.txt"))) {
      log.write("a\n".getBytes());
    }
    try (var log = store.append(store.resolve("log.txt"))) {
      log.write("b\n".getBytes());
    }
    assertEquals("a\nb\n", new String(store.read(store.resolve("log.txt"))));
    assertEquals(List.of(store.resolve("log.txt"), store.resolve("x/")),
        store.list(store.root()).stream().map(u -> URI.create(u.toString())).toList());
  }
}
