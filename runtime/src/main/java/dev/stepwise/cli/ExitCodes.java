package dev.stepwise.cli;

/** Every exit code of {@code stepwise}, in one place. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;
  /** The request was understood but cannot be done (unknown component, invalid stack...); stderr says the fix. */
  public static final int USER_ERROR = 1;
  /** The command line itself is wrong (unknown option, missing argument); usage is printed. */
  public static final int USAGE = 2;
  /** A pipeline run was started and ended failed or cancelled. */
  public static final int RUN_FAILED = 3;
  /**
   * A run record could not be read or written (a store turned read-only, a corrupt file): what
   * was shown may be incomplete or stale; stderr names the records and why.
   */
  public static final int RECORD_PROBLEM = 4;
  /** A bug in Stepwise (EX_SOFTWARE): an unexpected exception. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
