package dev.stepwise.processor.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;

/**
 * Checks {@code @SparkStepOperatorSettings}, and warns where it has no effect or silently
 * overrides a key that {@code @ResourceSettings} maps to.
 */
public final class SparkSettingsValidator {

  /** {@code spark.<key>=<value>}: every dot-separated key segment non-empty. */
  static final Pattern SUBMIT_ARG = Pattern.compile("^(spark(?:\\.[^.=\\s]+)+)=(.*)$", Pattern.DOTALL);
  /**
   * Keys whose value is a credential (Spark's own default {@code spark.redaction.regex}, plus
   * {@code access.key}); a literal there is compiled into the class and its metadata.
   */
  static final Pattern SECRET_KEY = Pattern.compile("secret|password|token|access[._-]?key", Pattern.CASE_INSENSITIVE);
  /** A {@code {{name.key}}} reference, which the runtime resolves from Stepwise's secret store. */
  static final Pattern SECRET_REFERENCE = Pattern.compile("\\{\\{\\s*[^.{}\\s]+\\.[^.{}\\s]+\\s*}}");

  /** Spark's own byte-string forms ({@code JavaUtils.byteStringAs}): 1024, 512m, 2g, 2gb, 10b. */
  static final Pattern SPARK_MEMORY = Pattern.compile("^[0-9]+([kmgtp]b?|b)?$", Pattern.CASE_INSENSITIVE);

  public ValidationReport validate(
      ExecutableElement method,
      PresentAnnotation spark,
      Optional<PresentAnnotation> resources,
      String stepOperator) {
    List<Finding> findings = new ArrayList<>();
    if (stepOperator.isEmpty()) {
      findings.add(Finding.warning("StepwiseSparkSettingsIgnored",
          "@SparkStepOperatorSettings has no effect: step " + method.getSimpleName()
              + " has no stepOperator and runs in the orchestrator's process. Set"
              + " @Step(stepOperator = ...) or remove the settings.",
          method, spark.mirror(), Optional.empty()));
    }
    String deployMode = spark.string("deployMode");
    if (!deployMode.isEmpty() && !deployMode.equals("client") && !deployMode.equals("cluster")) {
      findings.add(Finding.error("StepwiseDeployMode",
          "deployMode \"" + deployMode + "\" is not valid: use \"client\", \"cluster\", or \"\" to"
              + " keep the step operator's deploy_mode.",
          method, spark.mirror(), spark.explicit("deployMode")));
    }
    String driverMemory = spark.string("driverMemory");
    // the runtime takes a Spark memory string as is and converts a @ResourceSettings-style size
    boolean sizeForm = SPARK_MEMORY.matcher(driverMemory).matches()
        || ResourceSettingsValidator.MEMORY.matcher(driverMemory).matches();
    if (!driverMemory.isEmpty() && !sizeForm) {
      findings.add(Finding.error("StepwiseDriverMemory",
          "driverMemory \"" + driverMemory + "\" is not a Spark memory string: use an integer"
              + " with an optional unit k, m, g, t or p (optionally followed by b), e.g. \"512m\""
              + " or \"2g\", or a size such as \"2GiB\".",
          method, spark.mirror(), spark.explicit("driverMemory")));
    } else if (!driverMemory.isEmpty() && ResourceSettingsValidator.isZero(driverMemory)) {
      findings.add(Finding.error("StepwiseDriverMemory",
          "driverMemory \"" + driverMemory + "\" is zero: use a size above 0, e.g. \"2g\", or leave it"
              + " unset to keep the step operator's default.",
          method, spark.mirror(), spark.explicit("driverMemory")));
    }
    String parentImage = spark.string("parentImage");
    if (!parentImage.isEmpty() && !ImageReferenceSyntax.isParentImage(parentImage)) {
      findings.add(Finding.error("StepwiseParentImage",
          "parentImage \"" + parentImage + "\" is not an image reference: write"
              + " [host[:port]/]repository[:tag][@sha256:digest] in lowercase, e.g."
              + " \"apache/spark:4.2.0-scala2.13-java17-ubuntu\", or \"tar:///abs/base.tar\", or \"scratch\".",
          method, spark.mirror(), spark.explicit("parentImage")));
    }
    checkCount(method, spark, "driverCores", findings);
    checkCount(method, spark, "executorInstances", findings);

    Map<String, String> mapped = resources.map(SparkSettingsValidator::keysFromResources).orElse(Map.of());
    for (AnnotationValue entry : spark.array("submitArgs")) {
      String arg = (String) entry.getValue();
      Matcher m = SUBMIT_ARG.matcher(arg);
      if (!m.matches()) {
        findings.add(Finding.error("StepwiseSubmitArgs",
            "submitArgs entry \"" + arg + "\" is not of the form spark.<key>=<value> with"
                + " non-empty key segments, e.g. \"spark.executor.instances=2\".",
            method, spark.mirror(), Optional.of(entry)));
      } else if (SECRET_KEY.matcher(m.group(1)).find() && !m.group(2).isEmpty()
          && !SECRET_REFERENCE.matcher(m.group(2)).find()) {
        findings.add(Finding.warning("StepwiseSecretLiteral",
            "submitArgs entry for " + m.group(1) + " holds a literal value that looks like a secret; it is"
                + " compiled into the class and its step metadata. Store it with `stepwise secret create NAME"
                + " --KEY=-` and write \"" + m.group(1) + "={{NAME.KEY}}\" instead.",
            method, spark.mirror(), Optional.of(entry)));
      } else if (mapped.containsKey(m.group(1))) {
        findings.add(Finding.warning("StepwiseSubmitArgOverride",
            "submitArgs entry \"" + arg + "\" overrides " + m.group(1) + ", which"
                + " @ResourceSettings sets from " + mapped.get(m.group(1)) + ". Remove the entry,"
                + " or remove " + mapped.get(m.group(1)) + " from @ResourceSettings.",
            method, spark.mirror(), Optional.of(entry)));
      }
    }
    return ValidationReport.of(findings);
  }

  private static void checkCount(
      ExecutableElement method, PresentAnnotation spark, String name, List<Finding> findings) {
    int value = spark.intValue(name);
    if (value < 0) {
      findings.add(Finding.error("StepwiseSparkCount",
          name + " " + value + " is negative: use a count >= 0 (0 means unset).",
          method, spark.mirror(), spark.explicit(name)));
    }
  }

  /** The Spark keys the runtime derives from each set resource, with the attribute they come from. */
  private static Map<String, String> keysFromResources(PresentAnnotation resources) {
    Map<String, String> keys = new LinkedHashMap<>();
    if (resources.doubleValue("cpuCount") > 0) {
      keys.put("spark.executor.cores", "cpuCount");
    }
    if (!resources.string("memory").isEmpty()) {
      keys.put("spark.executor.memory", "memory");
    }
    if (resources.intValue("gpuCount") > 0) {
      keys.put("spark.executor.resource.gpu.amount", "gpuCount");
      keys.put("spark.task.resource.gpu.amount", "gpuCount");
      keys.put("spark.executor.resource.gpu.discoveryScript", "gpuCount");
    }
    return keys;
  }
}
