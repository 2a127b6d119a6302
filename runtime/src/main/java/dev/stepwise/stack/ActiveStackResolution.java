package dev.stepwise.stack;

import java.util.Map;
import java.util.Optional;

/**
 * Decides the active stack, like kubectl's KUBECONFIG precedence: STEPWISE_ACTIVE_STACK, else the
 * project's {@code .stepwise/config.json}, else the user's choice, else {@code default}. Pure: the
 * caller reads the environment and the files.
 */
public final class ActiveStackResolution {
  private ActiveStackResolution() {}

  public static ActiveStack resolve(
      Map<String, String> environment, Optional<ProjectConfig.Found> projectFile, Optional<String> userChoice) {
    String fromEnvironment = environment.get(StepwiseEnvironment.ACTIVE_STACK_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new ActiveStack(fromEnvironment.trim(), ActiveStackSource.ENVIRONMENT, Optional.empty());
    }
    if (projectFile.isPresent()) {
      Optional<String> fromProject = ProjectConfig.parse(projectFile.get()).activeStackChoice();
      if (fromProject.isPresent()) {
        return new ActiveStack(fromProject.get(), ActiveStackSource.PROJECT,
            Optional.of(projectFile.get().file()));
      }
    }
    Optional<String> fromUser = userChoice.filter(s -> !s.isBlank());
    if (fromUser.isPresent()) {
      return new ActiveStack(fromUser.get(), ActiveStackSource.USER, Optional.empty());
    }
    return new ActiveStack(StoreDocument.DEFAULT, ActiveStackSource.DEFAULT, Optional.empty());
  }

  /** Reads what {@link #resolve} needs from a real environment and store. */
  public static ActiveStack resolve(StepwiseEnvironment environment, StoreDocument document) {
    return resolve(environment.variables(), ProjectConfig.search(environment.workingDirectory()),
        document.activeStackChoice());
  }
}
