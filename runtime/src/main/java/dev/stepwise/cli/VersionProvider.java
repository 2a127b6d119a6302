package dev.stepwise.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the runtime jar's manifest; a build from source directories has none. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = StepwiseCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "stepwise " + (version != null ? version : "(development build)"),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
