package dev.stepwise.spark;

import dev.stepwise.flavor.SecretValues;
import dev.stepwise.operator.StepLog;
import dev.stepwise.support.SecretMask;
import java.util.Comparator;
import java.util.List;

/**
 * A step log that masks, in every line, the values of a submission's secret keys and every value
 * that came from a secret: the step's own output or Spark's can print them, the log must not.
 */
public final class MaskedStepLog implements StepLog {
  private final StepLog log;
  private final List<String> values;
  private final SecretValues secrets;

  private MaskedStepLog(StepLog log, List<String> values, SecretValues secrets) {
    this.log = log;
    this.values = values;
    this.secrets = secrets;
  }

  /** Masks only the values that came from secrets (e.g. a reattached driver's log, without its submission). */
  public static StepLog of(StepLog log, SecretValues secrets) {
    return new MaskedStepLog(log, List.of(), secrets);
  }

  public static StepLog of(StepLog log, SparkSubmission submission, SecretValues secrets) {
    List<String> values = submission.secretConf().stream().map(SparkConfEntry::value)
        .filter(v -> !v.isEmpty())
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
    return new MaskedStepLog(log, values, secrets);
  }

  @Override
  public void line(Stream stream, String line) {
    String masked = secrets.mask(line);
    for (String value : values) {
      masked = masked.replace(value, SecretMask.MASK);
    }
    log.line(stream, masked);
  }
}
