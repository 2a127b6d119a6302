package dev.stepwise.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * One parameter of a step method.
 *
 * @param name the parameter's name in source
 * @param type its declared type (primitives stay primitive; see {@link #boxedType()})
 * @param sparkSession whether it is the injected {@code SparkSession} rather than an input
 */
public record StepParameterModel(String name, TypeName type, boolean sparkSession) {
  public StepParameterModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** The type as a type argument: {@code long} becomes {@code Long}. */
  public TypeName boxedType() {
    return type.isPrimitive() ? type.box() : type;
  }
}
