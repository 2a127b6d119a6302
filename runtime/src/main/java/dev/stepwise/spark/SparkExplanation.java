package dev.stepwise.spark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code stepwise step explain} prints for a planned submission: the exact spark-submit argv
 * and every key with its value and source (secrets as {@code ***}), as text or as JSON
 * ({@code {"argv": [...], "conf": [{"key", "value", "source"}], "driverClassPath": [...], "warnings": [...]}},
 * {@code driverClassPath} only when the driver gets jars after the Spark home's own).
 */
public final class SparkExplanation {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=,@%+\\-\\[\\]*]+");

  private SparkExplanation() {}

  public static String text(SparkSubmission submission) {
    StringBuilder out = new StringBuilder();
    List<String> argv = submission.toArgv();
    out.append("spark-submit argv:\n  ").append(quote(argv.get(0)));
    for (int i = 1; i < argv.size(); i++) {
      // an option and its value share a line
      boolean option = argv.get(i).startsWith("--") && i + 1 < argv.size();
      out.append(" \\\n    ").append(quote(argv.get(i)));
      if (option) {
        out.append(' ').append(quote(argv.get(++i)));
      }
    }
    out.append("\n\nSpark conf (key = value  [source]):\n");
    int width = submission.conf().stream().mapToInt(e -> e.key().length()).max().orElse(0);
    for (SparkConfEntry entry : submission.conf()) {
      out.append("  ").append(String.format("%-" + width + "s", entry.key())).append(" = ")
          .append(entry.shownValue()).append("  [").append(entry.source()).append("]\n");
    }
    if (!submission.driverClassPath().isEmpty()) {
      out.append("\nDriver class path after the Spark home's jars (SPARK_DIST_CLASSPATH):\n");
      submission.driverClassPath().forEach(jar -> out.append("  ").append(jar).append('\n'));
    }
    if (!submission.warnings().isEmpty()) {
      out.append("\nWarnings:\n");
      submission.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
    }
    Map<String, String> placeholders = placeholders(submission);
    if (!placeholders.isEmpty()) {
      out.append("\nPlaceholders (no run exists yet; a launch fills them in):\n");
      int keyWidth = placeholders.keySet().stream().mapToInt(String::length).max().orElse(0);
      placeholders.forEach((placeholder, meaning) -> out.append("  ")
          .append(String.format("%-" + keyWidth + "s", placeholder)).append("  ").append(meaning).append('\n'));
    }
    return out.toString();
  }

  public static ObjectNode json(SparkSubmission submission) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode root = nodes.objectNode();
    ArrayNode argv = root.putArray("argv");
    submission.toArgv().forEach(argv::add);
    ArrayNode conf = root.putArray("conf");
    for (SparkConfEntry entry : submission.conf()) {
      conf.addObject().put("key", entry.key()).put("value", entry.shownValue()).put("source", entry.source().label());
    }
    if (!submission.driverClassPath().isEmpty()) {
      ArrayNode driverClassPath = root.putArray("driverClassPath");
      submission.driverClassPath().forEach(driverClassPath::add);
    }
    ArrayNode warnings = root.putArray("warnings");
    submission.warnings().forEach(warnings::add);
    Map<String, String> placeholders = placeholders(submission);
    if (!placeholders.isEmpty()) {
      ObjectNode shown = root.putObject("placeholders");
      placeholders.forEach(shown::put);
    }
    return root;
  }

  /** The placeholders {@code step explain} put into the submission, each with what a launch puts there. */
  static Map<String, String> placeholders(SparkSubmission submission) {
    String argv = String.join(" ", submission.toArgv());
    Map<String, String> found = new LinkedHashMap<>();
    if (argv.contains(SparkStepOperator.RUN_ID_PLACEHOLDER)) {
      found.put(SparkStepOperator.RUN_ID_PLACEHOLDER, "the run's id (also the end of the app name, '"
          + submission.appName() + "')");
    }
    if (argv.contains(SparkStepOperator.ARTIFACT_STORE_PLACEHOLDER)) {
      found.put(SparkStepOperator.ARTIFACT_STORE_PLACEHOLDER, "the root URI of the stack's artifact store");
    }
    return found;
  }

  static String quote(String arg) {
    return SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
