package dev.stepwise.secret;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stepwise.support.AtomicFiles;
import dev.stepwise.support.FileLocks;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The user's secrets, in {@code <config dir>/secrets.json}. The file is created with mode 0600 and
 * never widened; a file others can read is refused on every read, with the {@code chmod} that fixes
 * it. Every change rewrites the whole file atomically (0600 temp file, fsync, rename) under a lock
 * on {@code secrets.json.lock}, so concurrent {@code stepwise} processes lose nothing.
 */
public final class SecretStore {
  public static final String FILE_NAME = "secrets.json";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final TypeReference<TreeMap<String, TreeMap<String, String>>> FORMAT = new TypeReference<>() {};
  private static final ObjectMapper JSON = JsonCodec.mapper();

  private final Path file;
  private final Path lockFile;

  public SecretStore(Path configDir) {
    this.file = configDir.toAbsolutePath().resolve(FILE_NAME);
    this.lockFile = configDir.toAbsolutePath().resolve(FILE_NAME + ".lock");
  }

  public Path file() {
    return file;
  }

  public void create(String name, Map<String, String> values) {
    Secret secret = new Secret(name, values);
    change(all -> {
      if (all.containsKey(name)) {
        throw new SecretException("secret '" + name + "' already exists; change it with 'stepwise secret update "
            + name + " --key=value' or remove it with 'stepwise secret delete " + name + "'");
      }
      all.put(name, secret);
      return all;
    });
  }

  /** Merges {@code changes} into the secret: given keys are set, others kept. */
  public void update(String name, Map<String, String> changes) {
    change(all -> {
      all.put(name, require(all, name).merge(changes));
      return all;
    });
  }

  public void delete(String name) {
    change(all -> {
      require(all, name);
      all.remove(name);
      return all;
    });
  }

  /** Secret names, sorted. */
  public List<String> list() {
    return List.copyOf(readAll().keySet());
  }

  public Optional<Secret> find(String name) {
    return Optional.ofNullable(readAll().get(name));
  }

  public Secret get(String name) {
    return require(readAll(), name);
  }

  private static Secret require(Map<String, Secret> all, String name) {
    Secret secret = all.get(name);
    if (secret == null) {
      throw new SecretException("no secret named '" + name + "'"
          + (all.isEmpty() ? "" : " (existing: " + String.join(", ", all.keySet()) + ")")
          + "; create it with 'stepwise secret create " + name + " --key=value ...'");
    }
    return secret;
  }

  private TreeMap<String, Secret> readAll() {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return new TreeMap<>();
    }
    checkOwnerOnly(file);
    try {
      TreeMap<String, TreeMap<String, String>> raw = JSON.readValue(Files.readAllBytes(file), FORMAT);
      TreeMap<String, Secret> all = new TreeMap<>();
      raw.forEach((name, values) -> all.put(name, new Secret(name, values)));
      return all;
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    } catch (IOException e) {
      // the parser's message may quote file content, which is secret: keep only the location
      throw new SecretException("the secrets file " + file + " is not readable JSON; restore it from a backup"
          + " or move it away and create the secrets again");
    }
  }

  private void change(UnaryOperator<TreeMap<String, Secret>> edit) {
    try {
      FileLocks.withLock(lockFile, () -> {
        AtomicFiles.removeLeftovers(file);
        TreeMap<String, Map<String, String>> raw = new TreeMap<>();
        edit.apply(readAll()).forEach((name, secret) -> raw.put(name, secret.values()));
        AtomicFiles.write(file, JSON.writeValueAsBytes(raw), ownerOnly());
        return null;
      }, ownerOnly());
    } catch (IOException e) {
      throw new SecretException("could not write the secrets file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Refuses a secrets file that anyone but its owner may read or write. */
  static void checkOwnerOnly(Path file) {
    if (!posix(file)) {
      return;
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new SecretException("cannot read the permissions of the secrets file " + file + ": " + e.getMessage(), e);
    }
    List<PosixFilePermission> extra = new ArrayList<>(permissions);
    extra.removeAll(OWNER_ONLY);
    if (!extra.isEmpty()) {
      throw new SecretException("the secrets file " + file + " has mode "
          + PosixFilePermissions.toString(permissions) + ", so others may read it; Stepwise refuses to use it."
          + " Fix: chmod 600 " + file);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private FileAttribute<?>[] ownerOnly() {
    return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }
}
