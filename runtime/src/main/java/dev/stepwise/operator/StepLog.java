package dev.stepwise.operator;

/** Where a step's output lines go as they arrive (its log file, the console). */
@FunctionalInterface
public interface StepLog {

  /** One line of the step's stdout or stderr, without its line terminator. */
  void line(Stream stream, String line);

  /** Which stream a line came from. */
  enum Stream {
    STDOUT,
    STDERR
  }
}
