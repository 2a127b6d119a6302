package dev.stepwise.spark.materializer;

import com.google.auto.service.AutoService;
import dev.stepwise.artifact.ArtifactStore;
import dev.stepwise.artifact.Materializer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Optional;
import org.apache.spark.ml.util.MLWritable;

/**
 * Stores Spark ML models and pipelines ({@code MLWritable}, e.g. {@code PipelineModel}) with their own
 * {@code write().overwrite().save(<artifact>/model)} and loads them with the declared type's static
 * {@code load(String)}. spark-mllib is optional for the runtime: without it on the class path this
 * materializer handles nothing and never touches an ML class.
 */
@AutoService(Materializer.class)
public final class MLWritableMaterializer implements Materializer {
  static final String MODEL = "model";
  private static final String ML_WRITABLE = "org.apache.spark.ml.util.MLWritable";

  @Override
  public String id() {
    return "spark-ml-writable";
  }

  @Override
  public boolean canHandle(Type type) {
    return rawClass(type).filter(MLWritableMaterializer::isMLWritable).isPresent();
  }

  @Override
  public void store(Object value, Type type, ArtifactStore store, URI directory) throws IOException {
    if (value == null || !isMLWritable(value.getClass())) {
      throw new IOException("expected a Spark ML model (MLWritable), got "
          + (value == null ? "null" : value.getClass().getName()));
    }
    String path = DatasetMaterializer.sparkPath(directory, MODEL);
    DatasetMaterializer.session(); // MLWriter saves through the active session; in-process steps may have none
    try {
      ((MLWritable) value).write().overwrite().save(path);
    } catch (Exception e) { // Spark's save declares IOException through Scala, i.e. not at all
      throw new IOException("could not save the " + value.getClass().getSimpleName() + " to " + path + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public Object load(Type type, ArtifactStore store, URI directory) throws IOException {
    Class<?> declared = rawClass(type).orElseThrow(() -> new IOException("cannot load a Spark ML model as " + type));
    Method load = staticLoad(declared).orElseThrow(() -> new IOException("cannot load the Spark ML model as "
        + declared.getName() + ": it has no static load(String); declare the step's parameter or output as the"
        + " concrete model class (e.g. org.apache.spark.ml.PipelineModel)"));
    String path = DatasetMaterializer.sparkPath(directory, MODEL);
    DatasetMaterializer.session();
    try {
      return load.invoke(null, path);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new IOException("could not load " + declared.getSimpleName() + " from " + path + ": " + cause.getMessage(), cause);
    } catch (IllegalAccessException e) {
      throw new IOException(declared.getName() + ".load(String) is not accessible: " + e.getMessage(), e);
    }
  }

  private static Optional<Class<?>> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return Optional.of(c);
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return Optional.of(c);
    }
    return Optional.empty();
  }

  /**
   * Whether {@code type} is an MLWritable, by the names of its supertypes: loading the interface
   * itself would pull Spark classes into steps that never touch Spark, and a class path without
   * spark-mllib is fine.
   */
  private static boolean isMLWritable(Class<?> type) {
    if (type == null || type.isPrimitive() || type.isArray()) {
      return false;
    }
    if (type.getName().equals(ML_WRITABLE)) {
      return true;
    }
    for (Class<?> parent : type.getInterfaces()) {
      if (isMLWritable(parent)) {
        return true;
      }
    }
    return isMLWritable(type.getSuperclass());
  }

  /** {@code public static T load(String)} declared on the type (Scala companions put it there). */
  private static Optional<Method> staticLoad(Class<?> type) {
    try {
      Method load = type.getMethod("load", String.class);
      return Modifier.isStatic(load.getModifiers()) && type.isAssignableFrom(load.getReturnType())
          ? Optional.of(load) : Optional.empty();
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }
}
