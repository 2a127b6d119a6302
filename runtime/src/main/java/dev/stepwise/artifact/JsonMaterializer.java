package dev.stepwise.artifact;

import com.fasterxml.jackson.databind.JavaType;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Values Jackson can round-trip, as {@code data.json}: primitives and their boxes, {@code String},
 * enums, records, Jackson beans, arrays, and {@code List}/{@code Set}/{@code Map} of those.
 */
public final class JsonMaterializer implements Materializer {
  private static final String DATA_FILE = "data.json";

  @Override
  public String id() {
    return "json";
  }

  @Override
  public boolean canHandle(Type type) {
    if (type instanceof Class<?> c) {
      return handlesClass(c);
    }
    if (type instanceof GenericArrayType array) {
      return canHandle(array.getGenericComponentType());
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (raw == List.class || raw == Set.class || raw == Collection.class) {
        return canHandle(args[0]);
      }
      if (raw == Map.class) {
        return isMapKey(args[0]) && canHandle(args[1]);
      }
      return handlesClass(raw) && java.util.Arrays.stream(args).allMatch(this::canHandle);
    }
    return false;
  }

  private boolean handlesClass(Class<?> c) {
    if (c.isPrimitive()) {
      return c != void.class;
    }
    if (c.isArray()) {
      return canHandle(c.getComponentType());
    }
    if (c == String.class || c.isEnum() || c.isRecord() || Number.class.isAssignableFrom(c)
        || c == Boolean.class || c == Character.class) {
      return true;
    }
    if (c.getName().startsWith("org.apache.spark.")) {
      return false; // sessions, datasets and models need their own materializers
    }
    if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
      return false;
    }
    // a Jackson bean: something Jackson can construct
    return java.util.Arrays.stream(c.getDeclaredConstructors())
        .anyMatch(k -> k.getParameterCount() == 0
            || k.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonCreator.class));
  }

  private static boolean isMapKey(Type key) {
    return key == String.class || (key instanceof Class<?> c && (c.isEnum()
        || Number.class.isAssignableFrom(c) || c == Boolean.class || c == Character.class));
  }

  @Override
  public void store(Object value, Type type, ArtifactStore store, URI directory) throws IOException {
    JavaType javaType = JsonCodec.mapper().constructType(type);
    byte[] json = JsonCodec.mapper().writerFor(javaType).writeValueAsBytes(value);
    store.writeBeforeSibling(ArtifactStorage.child(directory, DATA_FILE), json);
  }

  @Override
  public Object load(Type type, ArtifactStore store, URI directory) throws IOException {
    try (InputStream in = store.open(ArtifactStorage.child(directory, DATA_FILE))) {
      return JsonCodec.mapper().readValue(in, JsonCodec.mapper().constructType(type));
    }
  }
}
