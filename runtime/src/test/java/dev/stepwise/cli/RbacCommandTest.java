package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.kubernetes.SparkDriverRbac;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RbacCommandTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(new SparkKubernetesCommand());
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int code = line.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void printsANamespacedRoleWithOnlyTheDriversVerbs() {
    String[] result = run("rbac", "--namespace", "spark-jobs", "--service-account", "spark-driver");
    assertEquals("0", result[0], result[2]);

    KubernetesSerialization serialization = new KubernetesSerialization();
    List<HasMetadata> resources = Arrays.stream(result[1].split("(?m)^---$"))
        .filter(doc -> doc.contains("kind:"))
        .map(doc -> (HasMetadata) serialization.unmarshal(doc))
        .toList();
    assertEquals(List.of("Namespace", "ServiceAccount", "Role", "RoleBinding"),
        resources.stream().map(HasMetadata::getKind).toList());
    ServiceAccount account = (ServiceAccount) resources.get(1);
    assertEquals("spark-jobs", account.getMetadata().getNamespace());
    Role role = (Role) resources.get(2);
    assertEquals("spark-jobs", role.getMetadata().getNamespace());
    Map<String, List<String>> verbs = role.getRules().stream()
        .collect(Collectors.toMap(r -> r.getResources().get(0), PolicyRule::getVerbs));
    assertEquals(SparkDriverRbac.VERBS.keySet(), verbs.keySet());
    assertTrue(verbs.get("pods").containsAll(List.of("create", "get", "list", "watch", "delete", "deletecollection")));
    for (PolicyRule rule : role.getRules()) {
      assertEquals(List.of(""), rule.getApiGroups(), "core API group only");
      assertFalse(rule.getVerbs().contains("*") || rule.getResources().contains("*"), "no wildcards");
      assertFalse(rule.getResources().contains("secrets"), "drivers never read secrets");
    }
    RoleBinding binding = (RoleBinding) resources.get(3);
    assertEquals("Role", binding.getRoleRef().getKind(), "namespaced Role, not a ClusterRole");
    assertEquals(role.getMetadata().getName(), binding.getRoleRef().getName());
    assertEquals("spark-driver", binding.getSubjects().get(0).getName());
    assertEquals("spark-jobs", binding.getSubjects().get(0).getNamespace());
  }

  @Test
  void badNamesAndMissingOptionsAreRefused() {
    String[] bad = run("rbac", "--namespace", "Spark_Jobs", "--service-account", "sa");
    assertEquals("1", bad[0]);
    assertTrue(bad[2].contains("namespace 'Spark_Jobs'"), bad[2]);
    String[] missing = run("rbac", "--namespace", "spark-jobs");
    assertEquals("2", missing[0]);
    assertTrue(missing[2].contains("--service-account"), missing[2]);
  }
}
