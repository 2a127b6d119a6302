package dev.stepwise.step;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The superclass of every generated step entrypoint. The generated class passes its step's shape
 * to the constructor in one call, and implements only {@link #call}, a direct typed call of the step
 * method; reading the inputs, the signature and {@code main}'s work live here, compiled once
 * instead of once per step (see {@code bench/processor}).
 */
public abstract class GeneratedEntrypoint implements StepProgram {

  private static final String SPARK_SESSION = "org.apache.spark.sql.SparkSession";

  private final StepSignature signature;

  /**
   * @param declaringClass the binary name ({@code com.acme.Outer$Inner})
   * @param output the boxed return type; {@code void.class} for a {@code void} method
   * @param parameterNames the method's parameter names in declaration order, separated by commas
   * @param parameterTypes their types in the same order, primitives boxed; a parameter of type
   *     {@code SparkSession} is the injected session, not an input
   */
  protected GeneratedEntrypoint(String stepName, String declaringClass, String methodName,
      Type output, String parameterNames, Type... parameterTypes) {
    List<String> names = parameterNames.isEmpty() ? List.of() : List.of(parameterNames.split(","));
    if (names.size() != parameterTypes.length) {
      throw new IllegalArgumentException("step " + stepName + " has " + names.size()
          + " parameter names but " + parameterTypes.length + " parameter types");
    }
    List<StepParameter> parameters = new ArrayList<>(names.size());
    for (int i = 0; i < parameterTypes.length; i++) {
      Type type = Objects.requireNonNull(parameterTypes[i], "parameter type");
      parameters.add(new StepParameter(names.get(i), type, isSparkSession(type)));
    }
    this.signature = new StepSignature(stepName, declaringClass, methodName, parameters,
        output == void.class ? Optional.empty() : Optional.of(output));
  }

  /** By name: a step without a session must not load Spark's classes (its JVM may have none). */
  private static boolean isSparkSession(Type type) {
    return type instanceof Class<?> c && c.getName().equals(SPARK_SESSION);
  }

  /** Runs the step as a program: what the generated {@code main} does (see {@link StepEntrypoint#main}). */
  protected static void runAndExit(String[] args, StepProgram program) {
    StepEntrypoint.main(args, program);
  }

  /** {@code raw<arguments>}, for an input or output type with type arguments. */
  protected static Type type(Class<?> raw, Type... arguments) {
    return new Parameterized(raw, arguments);
  }

  @Override
  public final StepSignature signature() {
    return signature;
  }

  /** Reads the arguments in parameter order, the session where the method takes one, and calls the method. */
  @Override
  public final Object invoke(StepInputs inputs) throws Exception {
    List<StepParameter> parameters = signature.parameters();
    Object[] arguments = new Object[parameters.size()];
    for (int i = 0; i < arguments.length; i++) {
      StepParameter p = parameters.get(i);
      arguments[i] = p.sparkSession() ? inputs.sparkSession() : inputs.<Object>value(p.name());
    }
    return call(arguments);
  }

  /**
   * Calls the step method with {@code arguments} in parameter order, each already of its
   * parameter's type; returns the result, or {@code null} for a {@code void} method.
   */
  protected abstract Object call(Object[] arguments) throws Exception;

  /**
   * A parameterized type equal to, and printed like, the JDK's own (the one a {@code TypeReference}
   * captures), so materializers and recorded type names see no difference.
   */
  private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {
    Parameterized {
      Objects.requireNonNull(raw, "raw");
      arguments = arguments.clone();
      if (arguments.length != raw.getTypeParameters().length) {
        throw new IllegalArgumentException(raw.getName() + " takes " + raw.getTypeParameters().length
            + " type arguments, not " + arguments.length);
      }
    }

    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return raw.getDeclaringClass();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ParameterizedType that
          && Objects.equals(getOwnerType(), that.getOwnerType())
          && raw.equals(that.getRawType())
          && Arrays.equals(arguments, that.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
      // the JDK's formula, so that equal types from both sides hash alike
      return Arrays.hashCode(arguments) ^ Objects.hashCode(getOwnerType()) ^ raw.hashCode();
    }

    @Override
    public String toString() {
      return raw.getName() + Arrays.stream(arguments).map(Type::getTypeName)
          .collect(Collectors.joining(", ", "<", ">"));
    }
  }
}
