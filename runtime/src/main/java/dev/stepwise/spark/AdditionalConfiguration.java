package dev.stepwise.spark;

import dev.stepwise.flavor.SecretValues;
import java.util.Map;
import java.util.Set;

/**
 * Layer 4: the component's {@code submit_kwargs}, then the step's {@code submitArgs}. The component
 * is the default for all its steps, so it never replaces what a step's own annotations set.
 */
public final class AdditionalConfiguration implements SparkConfLayer {
  private static final Set<ConfSource> STEP_SOURCES = Set.of(ConfSource.RESOURCE_SETTINGS, ConfSource.SPARK_SETTINGS);

  private final SecretValues secrets;

  public AdditionalConfiguration(SecretValues secrets) {
    this.secrets = secrets;
  }

  @Override
  public void apply(SparkStepRequest request, SparkStepOperatorConfig config, SparkConfBuilder conf) {
    for (Map.Entry<String, String> kwarg : config.submitKwargs().entrySet()) {
      conf.setWeaker(kwarg.getKey(), kwarg.getValue(), ConfSource.COMPONENT, STEP_SOURCES);
    }
    request.step().sparkSettings().ifPresent(spark -> {
      for (String arg : spark.submitArgs()) {
        int eq = arg.indexOf('=');
        String key = eq < 0 ? arg : arg.substring(0, eq).trim();
        SparkStepOperatorConfig.submitKeyProblem(key, "submitArgs").ifPresent(problem -> {
          throw new IllegalArgumentException(problem);
        });
        if (eq < 0) {
          throw new IllegalArgumentException(
              "submitArgs entry '" + arg + "' has no '='; write it as \"spark.some.key=value\"");
        }
        // a {{name.key}} here is resolved now, and the key is secret from then on
        conf.set(key, secrets.resolve(arg.substring(eq + 1), "@SparkStepOperatorSettings submitArgs '" + key + "' of step '"
            + request.step().name() + "'"), ConfSource.SPARK_SETTINGS);
      }
    });
  }
}
