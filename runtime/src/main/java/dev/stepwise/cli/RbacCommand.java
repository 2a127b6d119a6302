package dev.stepwise.cli;

import dev.stepwise.kubernetes.SparkDriverRbac;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stepwise spark-kubernetes rbac}: prints the namespaced RBAC a Spark driver needs, for kubectl apply. */
@Command(name = "rbac", mixinStandardHelpOptions = true,
    description = "Print YAML for a namespace, a service account and a namespaced Role with only the verbs "
        + "Spark's driver needs (pipe it to `kubectl apply -f -`).")
public final class RbacCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--namespace", required = true, paramLabel = "NS", description = "Namespace of the driver pods.")
  String namespace;

  @Option(names = {"--service-account", "--service_account"}, required = true, paramLabel = "SA",
      description = "Service account the driver pods run as.")
  String serviceAccount;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(SparkDriverRbac.yaml(namespace, serviceAccount));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
