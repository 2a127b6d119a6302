package dev.stepwise.step;

import java.util.Arrays;
import java.util.Optional;

/**
 * The exit codes of a generated step entrypoint. The launching side reads them to say what went
 * wrong without parsing logs; the result record in the artifact store carries the details.
 *
 * <table>
 *   <caption>Exit codes of {@code <Class>_<Method>StepEntrypoint.main}</caption>
 *   <tr><th>code</th><th>meaning</th><th>result record</th></tr>
 *   <tr><td>0</td><td>the step ran; its output (if any) is stored</td><td>yes</td></tr>
 *   <tr><td>64</td><td>bad arguments (not {@code --spec <uri>}), or the spec is unreadable, not
 *       valid JSON, or for another step</td><td>only when the spec could be read</td></tr>
 *   <tr><td>65</td><td>an input artifact is missing, incomplete or of another type</td><td>yes</td></tr>
 *   <tr><td>66</td><td>the step method threw (exception class and message in the record)</td><td>yes</td></tr>
 *   <tr><td>67</td><td>the return value could not be stored</td><td>yes</td></tr>
 *   <tr><td>70</td><td>the entrypoint itself failed (out of memory, a Stepwise bug)</td><td>best effort</td></tr>
 * </table>
 *
 * Any other code comes from outside the entrypoint: 137 and 143 mean the JVM was killed
 * (SIGKILL, SIGTERM), for example by cancellation.
 */
public enum StepExitCode {
  /** The step ran and its output (if any) is stored. */
  SUCCESS(0),
  /** The arguments were wrong, or the run spec could not be read or parsed. */
  BAD_ARGUMENTS_OR_SPEC(64),
  /** An input artifact could not be loaded. */
  INPUT_NOT_LOADED(65),
  /** The step method threw. */
  STEP_FAILED(66),
  /** The step's output could not be stored. */
  OUTPUT_NOT_STORED(67),
  /** The entrypoint failed outside the step (out of memory, an internal error). */
  ENTRYPOINT_FAILED(70);

  private final int code;

  StepExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<StepExitCode> of(int code) {
    return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
  }
}
