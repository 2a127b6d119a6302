package dev.stepwise.stack;

import dev.stepwise.flavor.StackProblem;
import java.util.List;

/**
 * A stack or component problem the user must fix; the message says what and how. The CLI prints it
 * to stderr and exits non-zero; a pipeline run fails with it before any step starts.
 */
public class StackException extends RuntimeException {
  private final List<StackProblem> problems;

  public StackException(String message) {
    this(message, List.of());
  }

  public StackException(String message, List<StackProblem> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  public List<StackProblem> problems() {
    return problems;
  }
}
