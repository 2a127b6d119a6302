package dev.stepwise.spark;

import java.util.Map;

/** Layer 4: the component's {@code submit_kwargs}, then the step's {@code submitArgs}. */
public final class AdditionalConfiguration implements SparkConfLayer {

  @Override
  public void apply(SparkStepRequest request, SparkStepOperatorConfig config, SparkConfBuilder conf) {
    for (Map.Entry<String, String> kwarg : config.submitKwargs().entrySet()) {
      conf.set(kwarg.getKey(), kwarg.getValue(), ConfSource.COMPONENT);
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
        conf.set(key, arg.substring(eq + 1), ConfSource.SPARK_SETTINGS);
      }
    });
  }
}
