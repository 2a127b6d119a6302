package dev.stepwise.step;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Why a step did not succeed.
 *
 * @param exceptionClass the class of the exception thrown, or empty when there was none
 * @param message a sentence saying what failed, including the exception's message
 * @param stackTrace the exception's stack trace, or empty
 */
public record StepError(String exceptionClass, String message, String stackTrace) {

  public static StepError of(String message) {
    return new StepError("", message, "");
  }

  public static StepError of(String context, Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    String detail = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    return new StepError(t.getClass().getName(), context + ": " + detail, trace.toString());
  }

  /** One line for tables and logs: class and message. */
  public String summary() {
    return exceptionClass.isEmpty() ? message : message + " (" + exceptionClass + ")";
  }
}
