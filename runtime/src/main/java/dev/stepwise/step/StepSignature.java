package dev.stepwise.step;

import com.fasterxml.jackson.core.type.TypeReference;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed shape of one step: its name, where it is declared, its parameters in declaration order
 * and its output type (empty for {@code void}). Generated entrypoints build it with {@link #builder}
 * and pass non-generic types as class literals and capture generic types with Jackson's
 * {@link TypeReference} (an anonymous subclass each, so only where a class literal cannot say it).
 */
public record StepSignature(
    String stepName,
    String declaringClass,
    String methodName,
    List<StepParameter> parameters,
    Optional<Type> outputType) {

  public StepSignature {
    Objects.requireNonNull(stepName, "stepName");
    Objects.requireNonNull(declaringClass, "declaringClass");
    Objects.requireNonNull(methodName, "methodName");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(outputType, "outputType");
  }

  /** The parameters that are loaded from artifacts, in declaration order. */
  public List<StepParameter> inputs() {
    return parameters.stream().filter(StepParameter::isInput).toList();
  }

  public boolean needsSparkSession() {
    return parameters.stream().anyMatch(StepParameter::sparkSession);
  }

  /** {@code META-INF/stepwise/steps/<binary class name>.<method>.json}, written by the processor. */
  public String metadataResource() {
    return StepMetadata.resourcePath(declaringClass, methodName);
  }

  /**
   * Starts a signature. {@code declaringClass} is the binary name ({@code com.acme.Outer$Inner}).
   */
  public static Builder builder(String stepName, String declaringClass, String methodName) {
    return new Builder(stepName, declaringClass, methodName);
  }

  /** Collects parameters in declaration order. */
  public static final class Builder {
    private final String stepName;
    private final String declaringClass;
    private final String methodName;
    private final List<StepParameter> parameters = new ArrayList<>();
    private Type outputType;

    private Builder(String stepName, String declaringClass, String methodName) {
      this.stepName = stepName;
      this.declaringClass = declaringClass;
      this.methodName = methodName;
    }

    public Builder input(String name, TypeReference<?> type) {
      parameters.add(new StepParameter(name, type.getType(), false));
      return this;
    }

    /** A non-generic input type; primitives are passed boxed ({@code Long.class}). */
    public Builder input(String name, Class<?> type) {
      parameters.add(new StepParameter(name, Objects.requireNonNull(type, "type"), false));
      return this;
    }

    public Builder sparkSession(String name) {
      parameters.add(new StepParameter(name, org.apache.spark.sql.SparkSession.class, true));
      return this;
    }

    public Builder output(TypeReference<?> type) {
      this.outputType = type.getType();
      return this;
    }

    /** A non-generic output type; primitives are passed boxed ({@code Long.class}). */
    public Builder output(Class<?> type) {
      this.outputType = Objects.requireNonNull(type, "type");
      return this;
    }

    public StepSignature build() {
      return new StepSignature(
          stepName, declaringClass, methodName, parameters, Optional.ofNullable(outputType));
    }
  }
}
