package dev.stepwise.cli;

import dev.stepwise.secret.SecretException;

/** Runs a secret verb and flushes its output; a {@link SecretException} reaches {@link Main}'s one handler. */
final class SecretCommandRun {
  private SecretCommandRun() {}

  interface Body {
    void run();
  }

  static int run(SecretCommand parent, Body body) {
    body.run();
    parent.out().flush();
    return ExitCodes.OK;
  }
}
