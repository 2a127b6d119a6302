package dev.stepwise.cache;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stepwise.support.Sha256;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cache key of one step: {@code value} is the SHA-256 of {@code step} and every component,
 * where a component is a named digest ({@code class:com.acme.Features}, {@code jar:spark-core.jar},
 * {@code input:points}, {@code upstream:frame}, {@code setting:submitArgs}). The components are
 * kept so a miss can say what changed.
 */
public record CacheKey(String step, String value, SortedMap<String, String> components) {
  static final String CLASS = "class:";
  static final String JAR = "jar:";
  static final String INPUT = "input:";
  static final String UPSTREAM = "upstream:";
  static final String SETTING = "setting:";

  @JsonCreator
  public CacheKey(@JsonProperty("step") String step, @JsonProperty("value") String value,
      @JsonProperty("components") SortedMap<String, String> components) {
    this.step = Objects.requireNonNull(step, "step");
    this.value = Objects.requireNonNull(value, "value");
    this.components = components == null ? new TreeMap<>() : new TreeMap<>(components);
  }

  /** A key under construction for {@code step} (its declaring class and method). */
  public static Builder builder(String step) {
    return new Builder(step);
  }

  /** Assembles the components of a key; the value is computed once by {@link #build()}. */
  public static final class Builder {
    private final String step;
    private final SortedMap<String, String> components = new TreeMap<>();

    private Builder(String step) {
      this.step = step;
    }

    /** The bytecode digests of the user's classes the step reaches. */
    public Builder classes(Map<String, String> digests) {
      digests.forEach((name, digest) -> components.put(CLASS + name, digest));
      return this;
    }

    /** The digests of the class path's jars. */
    public Builder jars(Map<String, String> digests) {
      digests.forEach((name, digest) -> components.put(JAR + name, digest));
      return this;
    }

    /** A literal input's stored content. */
    public Builder input(String name, String digest) {
      components.put(INPUT + name, digest);
      return this;
    }

    /** An input from an upstream step: that step's own key, or its output's content digest. */
    public Builder upstream(String name, String keyOrDigest) {
      components.put(UPSTREAM + name, keyOrDigest);
      return this;
    }

    /** A setting that shapes the result, e.g. {@code submitArgs}, as the user wrote it. */
    public Builder setting(String name, String text) {
      components.put(SETTING + name, Sha256.hex(text));
      return this;
    }

    public CacheKey build() {
      MessageDigest digest = Sha256.digest();
      Sha256.update(digest, "step=" + step + "\n");
      components.forEach((name, value) -> Sha256.update(digest, name + "=" + value + "\n"));
      return new CacheKey(step, Sha256.hex(digest), components);
    }
  }

  /** What differs from {@code earlier}, a key of the same step, in a user's words; "" when nothing does. */
  public String differenceFrom(CacheKey earlier) {
    List<String> changed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    components.forEach((name, digest) -> {
      String before = earlier.components().get(name);
      if (before == null) {
        added.add(name);
      } else if (!before.equals(digest)) {
        changed.add(name);
      }
    });
    earlier.components().keySet().stream().filter(n -> !components.containsKey(n)).forEach(removed::add);
    List<String> words = new ArrayList<>();
    for (String kind : List.of(CLASS, INPUT, UPSTREAM, SETTING, JAR)) {
      String said = describe(kind, of(kind, changed), of(kind, added), of(kind, removed));
      if (!said.isEmpty()) {
        words.add(said);
      }
    }
    return String.join("; ", words);
  }

  private static List<String> of(String kind, List<String> names) {
    return names.stream().filter(n -> n.startsWith(kind)).map(n -> n.substring(kind.length())).toList();
  }

  private static String describe(String kind, List<String> changed, List<String> added, List<String> removed) {
    List<String> parts = new ArrayList<>();
    switch (kind) {
      case CLASS -> {
        if (!changed.isEmpty()) {
          parts.add("the bytecode of " + names(changed) + " changed");
        }
        if (!added.isEmpty()) {
          parts.add("it now reaches " + names(added));
        }
        if (!removed.isEmpty()) {
          parts.add("it no longer reaches " + names(removed));
        }
      }
      case INPUT -> all(changed, added, removed).forEach(n -> parts.add("the literal input '" + n + "' changed"));
      case UPSTREAM -> all(changed, added, removed).forEach(n -> parts.add("the input '" + n
          + "' from an upstream step changed"));
      case SETTING -> all(changed, added, removed).forEach(n -> parts.add(n.equals("submit_kwargs")
          ? "the step operator's submit_kwargs changed" : "the step's " + n + " changed"));
      case JAR -> {
        List<String> jars = all(changed, added, removed);
        if (!jars.isEmpty()) {
          parts.add("the library jars changed (" + names(jars) + ")");
        }
      }
      default -> throw new IllegalArgumentException(kind);
    }
    return String.join("; ", parts);
  }

  private static List<String> all(List<String> changed, List<String> added, List<String> removed) {
    List<String> all = new ArrayList<>(changed);
    all.addAll(added);
    all.addAll(removed);
    return all;
  }

  private static String names(List<String> names) {
    List<String> shown = names.stream().limit(3).map(n -> "`" + n + "`").toList();
    return String.join(", ", shown) + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "");
  }
}
