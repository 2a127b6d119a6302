package dev.stepwise.flavor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stepwise.support.JsonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Binds a flavor's config: {@code --key=value} command-line pairs to stored values (keys in ZenML's
 * snake_case or in kebab case, JSON strings for map- and list-valued keys, numbers and booleans
 * coerced from text), and stored values to the flavor's typed config record.
 */
public final class ConfigBinding {
  private static final ObjectMapper JSON = JsonCodec.mapper();

  private ConfigBinding() {}

  /**
   * Parses {@code --key=value} arguments into stored config values for {@code flavor}. Every key must
   * be one of the flavor's; values are converted to the key's type but otherwise kept as the user
   * wrote them (secret references stay unresolved).
   */
  public static Map<String, Object> parseArguments(Flavor<?, ?> flavor, List<String> arguments) {
    List<ConfigKey> keys = ConfigKey.of(flavor.configType());
    Map<String, Object> values = new LinkedHashMap<>();
    for (String argument : arguments) {
      if (!argument.startsWith("--") || argument.indexOf('=') < 3) {
        throw new ConfigException("'" + argument + "' is not a flavor setting: give each as --key=value"
            + " (no space around '='). Keys of the " + describe(flavor) + ": " + keyList(keys) + ".");
      }
      String spelled = argument.substring(2, argument.indexOf('='));
      String text = argument.substring(argument.indexOf('=') + 1);
      ConfigKey key = findKey(keys, spelled).orElseThrow(() -> new ConfigException("Unknown key '--" + spelled
          + "' for the " + describe(flavor) + ". Valid keys: " + keyList(keys) + "."));
      if (values.containsKey(key.name())) {
        throw new ConfigException("The key '" + key.name() + "' is given twice; give it once.");
      }
      values.put(key.name(), convert(flavor, key, text));
    }
    return values;
  }

  /** {@code base} with {@code changes} applied, for {@code update}. */
  public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> changes) {
    Map<String, Object> merged = new TreeMap<>(base);
    merged.putAll(changes);
    return merged;
  }

  /**
   * The typed config for stored values, after the flavor's own validation. Every problem is a
   * {@link ConfigException} naming the key and the fix.
   */
  public static <C extends Record> C bind(Flavor<C, ?> flavor, Map<String, Object> stored, ConfigValueResolver resolver) {
    List<ConfigKey> keys = ConfigKey.of(flavor.configType());
    for (String name : stored.keySet()) {
      if (findKey(keys, name).isEmpty()) {
        throw new ConfigException("Unknown key '" + name + "' in the stored config of a " + describe(flavor)
            + ". Valid keys: " + keyList(keys) + ". Remove it with `stepwise " + flavor.type().cliName()
            + " update`, or re-register the component.");
      }
    }
    List<String> missing = keys.stream()
        .filter(k -> k.required() && stored.get(k.name()) == null)
        .map(k -> "--" + k.name() + "=<" + k.typeWord() + ">")
        .toList();
    if (!missing.isEmpty()) {
      throw new ConfigException("Missing required key" + (missing.size() > 1 ? "s" : "") + " for the "
          + describe(flavor) + ": give " + String.join(" ", missing) + ".");
    }
    Map<String, Object> resolved = new LinkedHashMap<>();
    stored.forEach((name, value) -> resolved.put(name, resolver.resolve(name, value)));
    C config;
    try {
      config = JSON.convertValue(resolved, flavor.configType());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid config for the " + describe(flavor) + ": " + explain(e)
          + ". Valid keys: " + keyList(keys) + ".");
    }
    List<String> problems = flavor.validateConfig(config);
    if (!problems.isEmpty()) {
      throw new ConfigException("Invalid config for the " + describe(flavor) + ":\n  - "
          + String.join("\n  - ", problems));
    }
    return config;
  }

  /** The flavor's keys as "name (type)" for help and error messages. */
  public static String keyList(List<ConfigKey> keys) {
    return keys.isEmpty() ? "(this flavor has no keys)"
        : keys.stream().map(ConfigKey::describe).collect(Collectors.joining(", "));
  }

  private static Optional<ConfigKey> findKey(List<ConfigKey> keys, String spelled) {
    String normalized = spelled.replace('-', '_');
    return keys.stream().filter(k -> k.name().replace('-', '_').equals(normalized)).findFirst();
  }

  private static Object convert(Flavor<?, ?> flavor, ConfigKey key, String text) {
    if (key.isMap() || key.isObject() || key.isList()) {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
          throw new ConfigException("The value of '--" + key.name() + "' gives a key twice ("
              + e.getOriginalMessage().replace("Duplicate field", "key") + "); give each key once, e.g. --"
              + key.name() + "=" + example(key) + ".");
        }
        throw new ConfigException("The value of '--" + key.name() + "' is not valid JSON ("
            + e.getOriginalMessage() + "). Give a JSON " + (key.isList() ? "list" : "object")
            + " in single quotes, e.g. --" + key.name() + "=" + example(key) + ".");
      }
      boolean fits = key.isList() ? node != null && node.isArray() : node != null && node.isObject();
      if (!fits) {
        throw new ConfigException("The value of '--" + key.name() + "' must be a JSON "
            + (key.isList() ? "list" : "object") + ", got " + kind(node) + ". Example: --" + key.name()
            + "=" + example(key) + ".");
      }
      return JSON.convertValue(node, Object.class);
    }
    if (CharSequence.class.isAssignableFrom(key.rawType()) || key.rawType() == Object.class) {
      return text;
    }
    try {
      Object typed = JSON.convertValue(text, boxed(key.rawType()));
      if ((key.rawType() == boolean.class || key.rawType() == Boolean.class)
          && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException("not a boolean");
      }
      return JSON.convertValue(typed, Object.class);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("The value of '--" + key.name() + "' must be " + key.typeWord() + ", got '"
          + text + "'.");
    }
  }

  private static String example(ConfigKey key) {
    return key.isList() ? "'[\"a\",\"b\"]'" : "'{\"key\":\"value\"}'";
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase();
    };
  }

  private static Class<?> boxed(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return switch (type.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "boolean" -> Boolean.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      default -> Character.class;
    };
  }

  private static String explain(IllegalArgumentException e) {
    Throwable cause = e.getCause();
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().get(0).getFieldName();
      return "the value of '" + field + "' does not fit (" + mapping.getOriginalMessage() + ")";
    }
    return e.getMessage();
  }

  static String describe(Flavor<?, ?> flavor) {
    return "'" + flavor.name() + "' " + flavor.type().id() + " flavor";
  }

  /** Lists of stored values in a stable order, for describe output. */
  public static List<String> render(Map<String, Object> config) {
    List<String> lines = new ArrayList<>();
    new TreeMap<>(config).forEach((k, v) -> lines.add(k + "=" + renderValue(v)));
    return lines;
  }

  /** A value on one line, as the user typed it: plain strings as they are, the rest as compact JSON. */
  public static String renderValue(Object value) {
    if (value instanceof String s) {
      return s;
    }
    try {
      return JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
