package dev.stepwise.spark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code stepwise step explain} prints for a planned submission: the exact spark-submit argv
 * and every key with its value and source (secrets as {@code ***}), as text or as JSON
 * ({@code {"argv": [...], "conf": [{"key", "value", "source"}], "warnings": [...]}}).
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
    if (!submission.warnings().isEmpty()) {
      out.append("\nWarnings:\n");
      submission.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
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
    ArrayNode warnings = root.putArray("warnings");
    submission.warnings().forEach(warnings::add);
    return root;
  }

  static String quote(String arg) {
    return SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
