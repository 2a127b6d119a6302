package dev.stepwise.flavor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One key of a flavor's config record: its stored name (ZenML spelling, from {@code @JsonProperty}
 * or the record component), its Java type, and whether it must be given.
 */
public record ConfigKey(String name, Class<?> rawType, Type genericType, boolean required) {

  public static List<ConfigKey> of(Class<? extends Record> configType) {
    return Arrays.stream(configType.getRecordComponents()).map(ConfigKey::of).toList();
  }

  private static ConfigKey of(RecordComponent component) {
    // @JsonProperty on a record component lands on the accessor (its targets exclude RECORD_COMPONENT).
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
    boolean required = property != null && property.required();
    return new ConfigKey(name, component.getType(), component.getGenericType(), required);
  }

  /** Whether the CLI value is a JSON object, as ZenML accepts for dict-valued keys. */
  public boolean isMap() {
    return Map.class.isAssignableFrom(rawType);
  }

  public boolean isList() {
    return Collection.class.isAssignableFrom(rawType) || rawType.isArray();
  }

  /** A nested record or bean: also given as a JSON object. */
  public boolean isObject() {
    return !isMap() && !isList() && !isScalar();
  }

  public boolean isScalar() {
    return rawType.isPrimitive() || rawType.isEnum() || CharSequence.class.isAssignableFrom(rawType)
        || Number.class.isAssignableFrom(rawType) || rawType == Boolean.class || rawType == Character.class
        || rawType == Object.class || rawType.getName().startsWith("java.");
  }

  /** "max_parallelism (whole number)", for lists of valid keys. */
  public String describe() {
    return name + " (" + typeWord() + (required ? ", required" : "") + ")";
  }

  public String typeWord() {
    if (isMap() || isObject()) {
      return "JSON object";
    }
    if (isList()) {
      return "JSON list";
    }
    Class<?> boxed = rawType;
    if (boxed == int.class || boxed == long.class || boxed == Integer.class || boxed == Long.class
        || boxed == short.class || boxed == Short.class) {
      return "whole number";
    }
    if (boxed == double.class || boxed == float.class || boxed == Double.class || boxed == Float.class
        || Number.class.isAssignableFrom(boxed)) {
      return "number";
    }
    if (boxed == boolean.class || boxed == Boolean.class) {
      return "true or false";
    }
    if (boxed.isEnum()) {
      return "one of " + Arrays.toString(boxed.getEnumConstants());
    }
    return "text";
  }
}
