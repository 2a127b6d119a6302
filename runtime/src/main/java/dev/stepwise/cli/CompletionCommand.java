package dev.stepwise.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion",
    description = {"Print a shell completion script.",
        "bash: source <(stepwise completion bash)   zsh: source <(stepwise completion zsh)"},
    mixinStandardHelpOptions = true)
final class CompletionCommand extends CliCommand {
  enum Shell { bash, zsh }

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  protected int execute() {
    // picocli's script serves both shells; zsh loads it through bashcompinit.
    String script = AutoComplete.bash("stepwise", spec.root().commandLine());
    if (shell == Shell.zsh) {
      out().println("autoload -U +X compinit && compinit");
      out().println("autoload -U +X bashcompinit && bashcompinit");
    }
    out().print(script);
    out().flush();
    return ExitCodes.OK;
  }
}
