package dev.stepwise.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small, offline inputs for image builds: a dependency jar, a classes directory, a tar reader. */
final class ImageFixtures {
  private ImageFixtures() {}

  static Path dependencyJar(Path dir, String name, String content) throws IOException {
    Files.createDirectories(dir);
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry entry = new ZipEntry("lib/Resource.txt");
      entry.setLastModifiedTime(FileTime.fromMillis(0));
      zip.putNextEntry(entry);
      zip.write(content.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return jar;
  }

  /** A classes directory whose one "class" file holds {@code body}; only the bytes matter here. */
  static Path classesDir(Path dir, String body) throws IOException {
    Path file = dir.resolve("com/example/Main.class");
    Files.createDirectories(file.getParent());
    Files.writeString(file, body);
    Files.writeString(dir.resolve("com/example/Other.class"), "unchanged");
    return dir;
  }

  /** Entry name → content of a plain (uncompressed) tar, as Jib writes it. */
  static Map<String, byte[]> readTar(Path tar) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(tar)) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512) {
        String name = cString(header, 0, 100);
        if (name.isEmpty()) {
          break;
        }
        String prefix = cString(header, 345, 155);
        long size = Long.parseLong(cString(header, 124, 12).trim(), 8);
        byte[] content = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        entries.put(prefix.isEmpty() ? name : prefix + "/" + name, content);
      }
    }
    return entries;
  }

  private static String cString(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.US_ASCII);
  }

  static List<String> names(Map<String, byte[]> entries) {
    return new ArrayList<>(entries.keySet());
  }
}
