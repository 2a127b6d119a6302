package dev.stepwise.cli;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.stack.ComponentCatalog;
import dev.stepwise.stack.StackStore;
import picocli.CommandLine.Model.CommandSpec;

/** A verb under a component type group; the type comes from the enclosing group. */
abstract class ComponentCommand extends CliCommand {

  protected ComponentType type() {
    for (CommandSpec s = spec.parent(); s != null; s = s.parent()) {
      if (s.userObject() instanceof ComponentGroupCommand group) {
        return group.type();
      }
    }
    throw new IllegalStateException(spec.qualifiedName() + " is not inside a component type group");
  }

  protected ComponentCatalog catalog() {
    return new ComponentCatalog(StackStore.of(environment()), flavors());
  }
}
