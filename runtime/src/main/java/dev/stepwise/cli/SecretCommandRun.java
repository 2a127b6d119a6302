package dev.stepwise.cli;

import dev.stepwise.secret.SecretException;

/** Runs a secret verb: a {@link SecretException} becomes its message on stderr and exit code 1. */
final class SecretCommandRun {
  private SecretCommandRun() {}

  interface Body {
    void run();
  }

  static int run(SecretCommand parent, Body body) {
    try {
      body.run();
      parent.out().flush();
      return ExitCodes.OK;
    } catch (SecretException e) {
      parent.err().println("Error: " + e.getMessage());
      parent.err().flush();
      return ExitCodes.USER_ERROR;
    }
  }
}
