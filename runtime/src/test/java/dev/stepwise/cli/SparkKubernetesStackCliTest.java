package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.image.ContainerRegistry;
import dev.stepwise.image.StackImageBuilder;
import dev.stepwise.kubernetes.KubernetesSparkStepOperator;
import dev.stepwise.stack.ResolvedStack;
import dev.stepwise.stack.Stacks;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's CLI lines with the real flavors: spark-kubernetes, the default registry, the local (Jib) builder, s3. */
class SparkKubernetesStackCliTest {
  @TempDir Path temp;
  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
    cli.ok("step-operator", "register", "spark_step_operator", "--flavor=spark-kubernetes",
        "--master=k8s://https://10.0.0.1:6443", "--namespace=spark", "--service_account=spark");
    cli.ok("artifact-store", "register", "spark_artifact_store", "--flavor=s3", "--path=s3://bucket/stepwise");
    cli.ok("image-builder", "register", "local_builder", "--flavor=local");
  }

  @Test
  void theSeedsStackLinesWorkWithTheRealFlavors() {
    cli.ok("container-registry", "register", "spark_container_registry", "--flavor=default",
        "--uri=registry.example.com/team");

    CliHarness.Result registered = cli.ok("stack", "register", "spark_stack", "-o", "default", "-s",
        "spark_step_operator", "-a", "spark_artifact_store", "-c", "spark_container_registry", "-i", "local_builder",
        "--set");

    assertTrue(registered.out().contains("Active stack: 'spark_stack'"), registered.out());
    ResolvedStack stack = Stacks.active(cli.environment());
    KubernetesSparkStepOperator operator = stack.require(ComponentType.STEP_OPERATOR, KubernetesSparkStepOperator.class);
    assertEquals("spark", operator.config().namespace());
    assertEquals("registry.example.com/team",
        stack.require(ComponentType.CONTAINER_REGISTRY, ContainerRegistry.class).uri().text());
    assertTrue(stack.require(ComponentType.IMAGE_BUILDER, StackImageBuilder.class).parentImage().startsWith("apache/spark:"));
  }

  @Test
  void aLocalRegistryIsRefusedUntilMarkedReachableFromTheCluster() {
    cli.ok("container-registry", "register", "kind_registry", "--flavor=default", "--uri=localhost:5001",
        "--insecure=true");

    CliHarness.Result refused = cli.run("stack", "register", "kind_stack", "-o", "default", "-s", "spark_step_operator",
        "-a", "spark_artifact_store", "-c", "kind_registry", "-i", "local_builder");
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.err().contains("ImagePullBackOff") && refused.err().contains("--reachable_from_cluster=true"),
        refused.err());

    cli.ok("container-registry", "update", "kind_registry", "--reachable_from_cluster=true");
    cli.ok("stack", "register", "kind_stack", "-o", "default", "-s", "spark_step_operator", "-a",
        "spark_artifact_store", "-c", "kind_registry", "-i", "local_builder");
  }

  @Test
  void aStackWithoutRegistryOrBuilderOrWithALocalStoreIsRefusedWithTheFix() {
    CliHarness.Result refused = cli.run("stack", "register", "bare", "-o", "default", "-s", "spark_step_operator",
        "-a", "default");
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.err().contains("needs a container registry"), refused.err());
    assertTrue(refused.err().contains("needs an image builder"), refused.err());
    assertTrue(refused.err().contains("cannot read the local artifact store"), refused.err());
  }

  @Test
  void badConfigIsRefusedAtRegistration() {
    CliHarness.Result result = cli.run("step-operator", "register", "bad", "--flavor=spark-kubernetes",
        "--master=spark://host:7077", "--namespace=Bad_NS");
    assertNotEquals(0, result.exitCode());
    assertTrue(result.err().contains("k8s://https://HOST:PORT") && result.err().contains("namespace 'Bad_NS'"),
        result.err());
    CliHarness.Result registry = cli.run("container-registry", "register", "r", "--flavor=default",
        "--uri=https://ghcr.io/me");
    assertTrue(registry.err().contains("--uri=ghcr.io/me"), registry.err());
  }
}
