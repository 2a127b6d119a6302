package dev.stepwise.processor.validation;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;

/** What one or more validators found; clean when it holds no error (warnings allowed). */
public record ValidationReport(List<Finding> findings) {

  private static final ValidationReport EMPTY = new ValidationReport(List.of());

  public ValidationReport {
    findings = List.copyOf(findings);
  }

  public static ValidationReport empty() {
    return EMPTY;
  }

  public static ValidationReport of(List<Finding> findings) {
    return findings.isEmpty() ? EMPTY : new ValidationReport(findings);
  }

  public boolean isClean() {
    return findings.stream().noneMatch(Finding::isError);
  }

  public ValidationReport plus(ValidationReport other) {
    if (other.findings.isEmpty()) {
      return this;
    }
    if (findings.isEmpty()) {
      return other;
    }
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(other.findings);
    return new ValidationReport(all);
  }

  public void printTo(Messager messager) {
    findings.forEach(f -> f.printTo(messager));
  }
}
