package dev.stepwise.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentModel;
import dev.stepwise.flavor.ComponentType;
import dev.stepwise.flavor.StackProblem;
import dev.stepwise.flavor.StackView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesFlavorTest {
  private final KubernetesSparkStepOperatorFlavor flavor = new KubernetesSparkStepOperatorFlavor();
  private static final String MASTER = "k8s://https://10.0.0.1:6443";

  private static KubernetesStepOperatorConfig config(String master, String deployMode, String namespace,
      String pullPolicy, Map<String, String> labels) {
    return new KubernetesStepOperatorConfig(master, deployMode, null, null, null, namespace, null, null, pullPolicy,
        null, null, "relative/template.yaml", labels, null, null, "soon");
  }

  @Test
  void aValidConfigHasNoProblems() {
    assertEquals(List.of(), flavor.validateConfig(KubernetesStepOperatorConfig.of(MASTER, "spark-jobs")));
  }

  @Test
  void everyBadKeyIsNamedWithItsFix() {
    List<String> problems = flavor.validateConfig(
        config("spark://host:7077", "client", "Spark_Jobs", "Sometimes", Map.of("bad key!", "x", "team", "a b")));
    String all = String.join("\n", problems);
    assertTrue(all.contains("is not a Kubernetes API server") && all.contains("k8s://https://HOST:PORT"), all);
    assertTrue(all.contains("deploy_mode 'client'") && all.contains("'cluster'"), all);
    assertTrue(all.contains("namespace 'Spark_Jobs'"), all);
    assertTrue(all.contains("image_pull_policy 'Sometimes'") && all.contains("IfNotPresent"), all);
    assertTrue(all.contains("labels key 'bad key!'"), all);
    assertTrue(all.contains("labels value 'a b'"), all);
    assertTrue(all.contains("executor_pod_template 'relative/template.yaml'"), all);
    assertTrue(all.contains("pending_timeout"), all);
  }

  @Test
  void unknownMastersAreRefusedWithTheAcceptedForms() {
    String all = String.join("\n", flavor.validateConfig(KubernetesStepOperatorConfig.of("mesos://x:5050", "default")));
    assertTrue(all.contains("k8s://"), all);
  }

  private static StackView stack(ComponentModel... components) {
    Map<ComponentType, ComponentModel> map = new HashMap<>();
    for (ComponentModel component : components) {
      map.put(component.type(), component);
    }
    return new StackView("spark_stack", map);
  }

  private static ComponentModel registry(String uri, Boolean reachable) {
    Map<String, Object> config = new HashMap<>();
    config.put("uri", uri);
    if (reachable != null) {
      config.put("reachable_from_cluster", reachable);
    }
    return new ComponentModel("registry", ComponentType.CONTAINER_REGISTRY, "default", config);
  }

  private static final ComponentModel S3 = new ComponentModel("s3_store", ComponentType.ARTIFACT_STORE, "s3",
      Map.of("path", "s3://bucket/stepwise"));
  private static final ComponentModel LOCAL_STORE = new ComponentModel("default", ComponentType.ARTIFACT_STORE,
      "local", Map.of("path", "/tmp/x"));
  private static final ComponentModel JIB = new ComponentModel("jib", ComponentType.IMAGE_BUILDER, "local", Map.of());

  private List<StackProblem> validate(StackView stack) {
    return flavor.validateStack("k8s", KubernetesStepOperatorConfig.of(MASTER, "spark-jobs"), stack);
  }

  @Test
  void aCompleteRemoteStackSuits() {
    assertEquals(List.of(), validate(stack(S3, JIB, registry("registry.example.com/team", null))));
  }

  @Test
  void missingRegistryBuilderAndALocalStoreAreEachReported() {
    List<StackProblem> problems = validate(stack(LOCAL_STORE));
    assertEquals(List.of(ComponentType.CONTAINER_REGISTRY, ComponentType.IMAGE_BUILDER, ComponentType.ARTIFACT_STORE),
        problems.stream().map(StackProblem::componentType).toList());
    assertTrue(problems.get(0).message().contains("stepwise container-registry register"));
    assertTrue(problems.get(1).message().contains("stepwise image-builder register jib --flavor=local"));
    assertTrue(problems.get(2).message().contains("--flavor=s3"));
  }

  @Test
  void aLocalRegistryIsRefusedWithTheReasonUnlessReachableFromTheCluster() {
    List<StackProblem> local = validate(stack(S3, JIB, registry("localhost:5000", null)));
    assertEquals(1, local.size());
    assertTrue(local.get(0).message().contains("ImagePullBackOff")
        && local.get(0).message().contains("--reachable_from_cluster=true"), local.get(0).message());
    assertEquals(1, validate(stack(S3, JIB, registry("127.0.0.1:5001/x", false))).size());
    assertEquals(List.of(), validate(stack(S3, JIB, registry("localhost:5000", true))));
  }

  @Test
  void driverPodNamesAreStableDnsLabelsAndLabelValuesFit() {
    String name = KubernetesSparkStepOperator.driverPodName("Word Count Pipeline With A Very Long Name Indeed",
        "20260101-abc", "count_words");
    assertEquals(name, KubernetesSparkStepOperator.driverPodName("Word Count Pipeline With A Very Long Name Indeed",
        "20260101-abc", "count_words"));
    assertTrue(KubernetesNames.isDnsLabel(name), name);
    assertTrue(name.endsWith("-driver"));
    assertTrue(!name.equals(KubernetesSparkStepOperator.driverPodName("p", "other-run", "count_words")));
    assertEquals("a_b.c-d", KubernetesNames.labelValue("-a_b.c-d-"));
    assertTrue(KubernetesNames.isLabelValue(KubernetesNames.labelValue("x".repeat(80) + "!")));
    // each attempt of @Step(retries) has its own pod, the first keeping the name it always had
    assertEquals(name, KubernetesSparkStepOperator.driverPodName("Word Count Pipeline With A Very Long Name Indeed",
        "20260101-abc", "count_words", 1));
    for (int attempt : new int[] {2, 10, 1000}) {
      String later = KubernetesSparkStepOperator.driverPodName("Word Count Pipeline With A Very Long Name Indeed",
          "20260101-abc", "count_words", attempt);
      assertTrue(KubernetesNames.isDnsLabel(later) && later.length() <= 63, later);
      assertTrue(later.endsWith("-a" + attempt + "-driver"), later);
      assertTrue(KubernetesNames.isDnsLabel(KubernetesBackend.environmentSecretName(later)), later);
    }
    assertEquals(4096, KubernetesBackend.mib("4g"));
    assertEquals(3815, KubernetesBackend.mib("3815m"));
  }
}
