package dev.stepwise.kubernetes;

import dev.stepwise.support.StepwiseException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The least a Spark driver's service account needs, in its own namespace only: manage executor
 * pods, and the services, config maps and volume claims Spark creates for them. Narrower than
 * the cluster-wide {@code edit} role ZenML's docs grant.
 */
public final class SparkDriverRbac {
  /** Verbs per resource; {@code deletecollection} because Spark deletes its executors by label. */
  public static final Map<String, List<String>> VERBS = Map.of(
      "pods", List.of("get", "list", "watch", "create", "patch", "delete", "deletecollection"),
      "services", List.of("get", "list", "watch", "create", "delete", "deletecollection"),
      "configmaps", List.of("get", "list", "watch", "create", "delete", "deletecollection"),
      "persistentvolumeclaims", List.of("get", "list", "watch", "create", "delete", "deletecollection"));
  private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/managed-by", "stepwise");

  private SparkDriverRbac() {}

  /** Namespace, ServiceAccount, Role and RoleBinding, in the order {@code kubectl apply} needs them. */
  public static List<HasMetadata> resources(String namespace, String serviceAccount) {
    if (!KubernetesNames.isDnsLabel(namespace)) {
      throw new StepwiseException("namespace '" + namespace + "' is not a Kubernetes name (lowercase letters, "
          + "digits and '-', at most 63), e.g. spark-jobs");
    }
    if (!KubernetesNames.isDnsSubdomain(serviceAccount)) {
      throw new StepwiseException("service account '" + serviceAccount + "' is not a Kubernetes name "
          + "(lowercase letters, digits, '-' and '.'), e.g. spark-driver");
    }
    String role = serviceAccount + "-spark-driver";
    List<PolicyRule> rules = VERBS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> new PolicyRuleBuilder().withApiGroups("").withResources(e.getKey()).withVerbs(e.getValue()).build())
        .collect(Collectors.toList());
    return List.of(
        new NamespaceBuilder().withNewMetadata().withName(namespace).withLabels(LABELS).endMetadata().build(),
        new ServiceAccountBuilder().withNewMetadata().withName(serviceAccount).withNamespace(namespace)
            .withLabels(LABELS).endMetadata().build(),
        new RoleBuilder().withNewMetadata().withName(role).withNamespace(namespace).withLabels(LABELS).endMetadata()
            .withRules(rules).build(),
        new RoleBindingBuilder().withNewMetadata().withName(role).withNamespace(namespace).withLabels(LABELS)
            .endMetadata()
            .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(role).endRoleRef()
            .addNewSubject().withKind("ServiceAccount").withName(serviceAccount).withNamespace(namespace).endSubject()
            .build());
  }

  /** Ready for {@code kubectl apply -f -}: the resources as YAML documents separated by {@code ---}. */
  public static String yaml(String namespace, String serviceAccount) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    StringBuilder out = new StringBuilder();
    out.append("# Spark driver RBAC for service account ").append(serviceAccount).append(" in namespace ")
        .append(namespace).append(", written by Stepwise.\n")
        .append("# Use it with --service_account=").append(serviceAccount).append(" --namespace=").append(namespace)
        .append(" on the spark-kubernetes step operator.\n");
    for (HasMetadata resource : resources(namespace, serviceAccount)) {
      String document = serialization.asYaml(resource);
      out.append(document.startsWith("---") ? document : "---\n" + document);
    }
    return out.toString();
  }
}
