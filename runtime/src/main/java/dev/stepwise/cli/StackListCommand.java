package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.stack.ActiveStack;
import dev.stepwise.stack.StackCatalog;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List the stacks; the active one is marked with '*'.", mixinStandardHelpOptions = true)
final class StackListCommand extends CliCommand {
  @Override
  protected int execute() {
    StackCatalog catalog = new StackCatalog(environment(), flavors());
    Table table = new Table("ACTIVE", "STACK", "ORCHESTRATOR", "ARTIFACT_STORE", "STEP_OPERATOR",
        "CONTAINER_REGISTRY", "IMAGE_BUILDER");
    for (StackCatalog.Entry entry : catalog.list()) {
      table.row(entry.active() ? "*" : "", entry.name(),
          part(entry, ComponentType.ORCHESTRATOR), part(entry, ComponentType.ARTIFACT_STORE),
          part(entry, ComponentType.STEP_OPERATOR), part(entry, ComponentType.CONTAINER_REGISTRY),
          part(entry, ComponentType.IMAGE_BUILDER));
    }
    table.print(out());
    ActiveStack active = catalog.active();
    out().printf("%nActive stack: '%s' (chosen by %s).%n", active.name(), active.origin());
    if (catalog.list().stream().noneMatch(StackCatalog.Entry::active)) {
      err().printf("Warning: the active stack '%s' does not exist; register it or choose another with"
          + " `stepwise stack set NAME`.%n", active.name());
    }
    return ExitCodes.OK;
  }

  private static String part(StackCatalog.Entry entry, ComponentType type) {
    return entry.stack().component(type).orElse("-");
  }
}
