package dev.stepwise.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a classes directory (an IDE or {@code target/classes} build) into a jar Spark can ship:
 * entries sorted, fixed timestamps, named by content hash, so the same classes give the same jar
 * and an unchanged directory is packed only once.
 */
public final class ClassDirectoryJar {
  private static final FileTime EPOCH = FileTime.fromMillis(1767225600000L); // 2026-01-01T00:00:00Z

  private ClassDirectoryJar() {}

  public static Path pack(Path directory, StepwiseCacheDir cache) {
    try {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(directory)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files) {
        digest.update(entryName(directory, file).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
      }
      String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 20);
      Path jars = cache.path().resolve("app-jars");
      Path target = jars.resolve(safeName(directory) + "-" + hash + ".jar");
      if (Files.isRegularFile(target)) {
        return target;
      }
      Files.createDirectories(jars);
      Path temp = Files.createTempFile(jars, ".pack", ".tmp");
      try (OutputStream out = Files.newOutputStream(temp); ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Path file : files) {
          ZipEntry entry = new ZipEntry(entryName(directory, file));
          entry.setLastModifiedTime(EPOCH);
          zip.putNextEntry(entry);
          Files.copy(file, zip);
          zip.closeEntry();
        }
      }
      StepwiseCacheDir.moveIntoPlace(temp, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + directory + " into a jar: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String entryName(Path root, Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  private static String safeName(Path directory) {
    Path name = directory.toAbsolutePath().normalize();
    String last = name.getFileName() == null ? "classes" : name.getFileName().toString();
    String parent = name.getParent() == null || name.getParent().getFileName() == null
        ? "" : name.getParent().getFileName() + "-";
    return (parent + last).replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
