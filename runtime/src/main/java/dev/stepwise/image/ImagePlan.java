package dev.stepwise.image;

import dev.stepwise.support.AtomicFiles;
import dev.stepwise.support.ClassDirectoryJar;
import dev.stepwise.support.Sha256;
import dev.stepwise.support.StepwiseCacheDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layers of an image and the tag they hash to, computed before Jib runs so an image that
 * already exists can be found by its tag and skipped.
 */
record ImagePlan(ImageInputs inputs, List<LayerPlan> layers, String tag) {
  static final String FORMAT_VERSION = "stepwise-image-1";

  ImagePlan {
    layers = List.copyOf(layers);
  }

  /** Jars Spark must be told about ({@code spark.jars}): all but the app jar, which is the app resource. */
  List<String> jarsInImage() {
    return layers.stream().filter(l -> !l.name().equals("entrypoint")).flatMap(l -> l.entries().stream())
        .map(LayerEntry::pathInImage).filter(p -> !p.equals(ImageLayout.APP_JAR)).toList();
  }

  static ImagePlan of(ImageInputs inputs, StepwiseCacheDir cache) {
    LayerPlan dependencies = layer("dependencies", dependencyEntries(inputs.dependencyJars()));
    LayerPlan classes = layer("classes", classEntries(inputs.projectClasses(), cache));
    LayerPlan entrypoint = layer("entrypoint", entrypointEntries(cache));
    List<LayerPlan> layers = List.of(dependencies, classes, entrypoint);
    return new ImagePlan(inputs, layers, inputsHash(inputs, layers).substring(0, 24));
  }

  private static List<LayerEntry> dependencyEntries(List<Path> jars) {
    List<LayerEntry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("dependency jar " + jar + " does not exist; rebuild the project "
            + "(mvn package) or fix its classpath");
      }
      String name = jar.getFileName().toString();
      if (!names.add(name)) {
        // two artifacts with the same file name (different groups): keep both, apart
        name = fileHash(jar).substring(0, 8) + "-" + name;
        names.add(name);
      }
      entries.add(new LayerEntry(jar, ImageLayout.LIB_DIR + "/" + name, "644"));
    }
    return entries;
  }

  private static List<LayerEntry> classEntries(List<Path> projectClasses, StepwiseCacheDir cache) {
    List<LayerEntry> entries = new ArrayList<>();
    for (int i = 0; i < projectClasses.size(); i++) {
      Path source = projectClasses.get(i);
      Path jar;
      if (Files.isDirectory(source)) {
        jar = ClassDirectoryJar.pack(source, cache);
      } else if (Files.isRegularFile(source)) {
        jar = source;
      } else {
        throw new IllegalArgumentException("project classes " + source + " do not exist; compile the project first");
      }
      String target = i == 0 ? ImageLayout.APP_JAR : ImageLayout.ROOT + "/app/classes-" + i + ".jar";
      entries.add(new LayerEntry(jar, target, "644"));
    }
    return entries;
  }

  /** Independent of the project, so this layer is pushed once and then always found in the registry. */
  private static List<LayerEntry> entrypointEntries(StepwiseCacheDir cache) {
    Path script = cache.materializeExecutable("dev/stepwise/spark/gpu-discovery.sh", "gpu-discovery", ".sh");
    Path marker = cache.path().resolve("image-markers").resolve(FORMAT_VERSION + ".properties");
    try {
      if (!Files.isRegularFile(marker)) {
        Files.createDirectories(marker.getParent());
        AtomicFiles.write(marker, ("# an image built by Stepwise\nformat=" + FORMAT_VERSION + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the image marker under " + cache.path() + ": " + e.getMessage(), e);
    }
    return List.of(
        new LayerEntry(script, ImageLayout.GPU_DISCOVERY_SCRIPT, "755"),
        new LayerEntry(marker, ImageLayout.MARKER, "644"));
  }

  private static LayerPlan layer(String name, List<LayerEntry> entries) {
    MessageDigest digest = Sha256.digest();
    for (LayerEntry entry : entries) {
      Sha256.update(digest, entry.pathInImage() + "\0" + entry.permissions() + "\0" + fileHash(entry.source()) + "\n");
    }
    return new LayerPlan(name, entries, Sha256.hex(digest));
  }

  private static String inputsHash(ImageInputs inputs, List<LayerPlan> layers) {
    MessageDigest digest = Sha256.digest();
    Sha256.update(digest, FORMAT_VERSION + "\nparent=" + inputs.parentImage() + "\n");
    for (Map.Entry<String, String> env : inputs.environment().entrySet()) {
      Sha256.update(digest, "env " + env.getKey() + "=" + env.getValue() + "\n");
    }
    for (LayerPlan layer : layers) {
      Sha256.update(digest, "layer " + layer.name() + " " + layer.contentHash() + "\n");
    }
    return Sha256.hex(digest);
  }

  static String fileHash(Path file) {
    MessageDigest digest = Sha256.digest();
    try {
      Sha256.update(digest, Files.newInputStream(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return Sha256.hex(digest);
  }
}
