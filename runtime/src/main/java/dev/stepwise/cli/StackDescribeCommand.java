package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.ConfigBinding;
import dev.stepwise.flavor.StackProblem;
import dev.stepwise.stack.ActiveStack;
import dev.stepwise.stack.StackCatalog;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "describe", description = "Show a stack's components and whether it can run (default: the active stack).",
    mixinStandardHelpOptions = true)
final class StackDescribeCommand extends CliCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The stack to show.")
  String name;

  @Override
  protected int execute() {
    StackCatalog catalog = new StackCatalog(environment(), flavors());
    ActiveStack active = catalog.active();
    StackCatalog.Entry entry = catalog.describe(name != null ? name : active.name());
    out().printf("stack: %s%s%n", entry.name(),
        entry.active() ? " (active, chosen by " + active.origin() + ")" : "");
    for (ComponentType type : ComponentType.values()) {
      entry.stack().component(type).ifPresent(componentName -> {
        out().printf("%s: %s", type.id(), componentName);
        entry.view().component(type).ifPresentOrElse(
            (ComponentModel model) -> {
              out().printf(" (flavor %s)%n", model.flavor());
              ConfigBinding.render(model.config()).forEach(line -> out().println("  " + line));
            },
            () -> out().println(" (not registered)"));
      });
    }
    List<StackProblem> problems = catalog.problems(entry.name());
    if (problems.isEmpty()) {
      out().println("status: ready");
    } else {
      out().println("status: cannot run");
      problems.forEach(p -> out().println("  - " + p.message()));
    }
    return ExitCodes.OK;
  }
}
