package dev.stepwise.orchestrator;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Config of the {@code local} step operator flavor.
 *
 * @param javaHome the JDK that runs the step JVMs; empty means the JDK running Stepwise
 * @param jvmOptions extra options for each step JVM ({@code ["-Xmx2g"]})
 */
public record LocalStepOperatorConfig(
    @JsonProperty("java_home") String javaHome,
    @JsonProperty("jvm_options") List<String> jvmOptions) {

  public LocalStepOperatorConfig {
    javaHome = javaHome == null ? "" : javaHome;
    jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
  }
}
