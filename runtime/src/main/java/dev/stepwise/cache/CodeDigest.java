package dev.stepwise.cache;

import dev.stepwise.discovery.Classpath;
import dev.stepwise.support.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The code a step runs, as digests: the bytecode of every class of the user's own code that its
 * roots reach, and the digest of every jar on the class path. The user's own code is what the class
 * path's directories hold ({@code target/classes}); jars are libraries, whose versions enter as their
 * digests, and the JDK enters not at all. A class's digest ignores its debug information (line
 * numbers, local names: a moved comment is not a change) and Stepwise's own annotations (resources
 * and the step operator do not shape a result; {@code submitArgs} enters the key on its own).
 * Thread-safe; one per run, so each class and jar is read once.
 */
public final class CodeDigest {
  private static final String STEPWISE_ANNOTATIONS = "Ldev/stepwise/annotations/";

  private final List<Path> directories;
  private final List<Path> jars;
  private final JarDigests jarDigests;
  private final Map<String, Optional<ClassFile>> classes = new ConcurrentHashMap<>();
  private volatile SortedMap<String, String> libraries;

  private record ClassFile(String digest, Set<String> references) {}

  CodeDigest(Classpath classpath, JarDigests jarDigests) {
    Optional<Path> runtime = codeSourceOf(CodeDigest.class);
    // Stepwise's own classes are a library even where they are a directory (a build of Stepwise itself)
    this.directories = classpath.entries().stream().filter(Files::isDirectory)
        .filter(p -> runtime.map(r -> !r.equals(p)).orElse(true)).toList();
    this.jars = classpath.entries().stream().filter(Files::isRegularFile).toList();
    this.jarDigests = jarDigests;
  }

  /** The digests of a class path's code, with jar digests remembered in Stepwise's cache directory. */
  public static CodeDigest of(Classpath classpath) {
    return new CodeDigest(classpath, JarDigests.standard());
  }

  /**
   * Binary class name to bytecode digest for every class in the class path's directories that
   * {@code roots} (binary names) reach through their supertypes, fields, method signatures and code.
   */
  public SortedMap<String, String> reachable(Collection<String> roots) {
    SortedMap<String, String> digests = new TreeMap<>();
    Deque<String> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    roots.forEach(root -> queue.add(root.replace('.', '/')));
    while (!queue.isEmpty()) {
      String internal = queue.poll();
      if (!seen.add(internal)) {
        continue;
      }
      Optional<ClassFile> file = classes.computeIfAbsent(internal, this::read);
      if (file.isPresent()) {
        digests.put(internal.replace('/', '.'), file.get().digest());
        queue.addAll(file.get().references());
      }
    }
    return digests;
  }

  /** Jar file name to content digest for every jar on the class path (the same name twice: both, numbered). */
  public SortedMap<String, String> libraries() {
    SortedMap<String, String> result = libraries;
    if (result == null) {
      result = new TreeMap<>();
      for (Path jar : jars) {
        String name = jar.getFileName().toString();
        String key = name;
        for (int i = 2; result.containsKey(key); i++) {
          key = name + "#" + i;
        }
        result.put(key, jarDigests.digest(jar));
      }
      jarDigests.flush();
      libraries = result;
    }
    return result;
  }

  private Optional<ClassFile> read(String internalName) {
    for (Path directory : directories) {
      Path file = directory.resolve(internalName + ".class");
      if (Files.isRegularFile(file)) {
        try {
          return Optional.of(parse(Files.readAllBytes(file)));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file + " to compute the step's cache key", e);
        }
      }
    }
    return Optional.empty();
  }

  private static ClassFile parse(byte[] bytes) {
    ClassReader reader = new ClassReader(bytes);
    ClassWriter stripped = new ClassWriter(0);
    ReferencedTypes references = new ReferencedTypes(new WithoutAnnotations(stripped, STEPWISE_ANNOTATIONS));
    reader.accept(references, ClassReader.SKIP_DEBUG);
    return new ClassFile(Sha256.hex(stripped.toByteArray()), references.found());
  }

  private static Optional<Path> codeSourceOf(Class<?> type) {
    try {
      var source = type.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty()
          : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** ASM's API level for every visitor here. */
  static final int API = Opcodes.ASM9;

  /** Drops the annotations whose descriptors start with a prefix, on the class and its members. */
  private static final class WithoutAnnotations extends ClassVisitor {
    private final String prefix;

    WithoutAnnotations(ClassVisitor next, String prefix) {
      super(API, next);
      this.prefix = prefix;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      return descriptor.startsWith(prefix) ? null : super.visitAnnotation(descriptor, visible);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
        String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      return next == null ? null : new MethodVisitor(API, next) {
        @Override
        public AnnotationVisitor visitAnnotation(String d, boolean visible) {
          return d.startsWith(prefix) ? null : super.visitAnnotation(d, visible);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int parameter, String d,
            boolean visible) {
          return d.startsWith(prefix) ? null : super.visitParameterAnnotation(parameter, d, visible);
        }
      };
    }
  }
}
