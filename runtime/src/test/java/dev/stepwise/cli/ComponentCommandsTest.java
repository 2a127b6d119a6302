package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.flavor.ComponentType;
import dev.stepwise.stack.StackStore;
import dev.stepwise.stack.StoredComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentCommandsTest {
  @TempDir Path temp;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
  }

  private StoredComponent stored(ComponentType type, String name) {
    return StackStore.at(cli.configDir).read().component(type, name).orElseThrow();
  }

  @Test
  void registerListDescribeUpdateDeleteCycle() {
    CliHarness.Result registered = cli.ok("artifact-store", "register", "lake", "--flavor=test-store",
        "--path=s3://bucket/runs", "--client-kwargs={\"endpoint_url\":\"http://127.0.0.1:9000\"}",
        "--path_style_access=true", "--max-retries=3");
    assertTrue(registered.out().contains("Registered artifact_store 'lake' (flavor test-store)"), registered.out());

    StoredComponent component = stored(ComponentType.ARTIFACT_STORE, "lake");
    assertEquals("test-store", component.flavor());
    assertEquals(Map.of("endpoint_url", "http://127.0.0.1:9000"), component.config().get("client_kwargs"));
    assertEquals(true, component.config().get("path_style_access"));
    assertEquals(3, component.config().get("max_retries"));

    CliHarness.Result list = cli.ok("artifact-store", "list");
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("lake") && l.contains("test-store")), list.out());
    assertTrue(list.out().lines().anyMatch(l -> l.startsWith("default") && l.contains("local")), list.out());

    CliHarness.Result describe = cli.ok("artifact-store", "describe", "lake");
    assertTrue(describe.out().contains("path=s3://bucket/runs"), describe.out());
    assertTrue(describe.out().contains("client_kwargs={\"endpoint_url\":\"http://127.0.0.1:9000\"}"), describe.out());

    cli.ok("artifact-store", "update", "lake", "--region=eu-west-1", "--path=s3://bucket/other");
    component = stored(ComponentType.ARTIFACT_STORE, "lake");
    assertEquals("eu-west-1", component.config().get("region"));
    assertEquals("s3://bucket/other", component.config().get("path"));
    assertEquals(3, component.config().get("max_retries"), "update keeps the keys it does not change");

    cli.ok("artifact-store", "delete", "lake");
    assertTrue(StackStore.at(cli.configDir).read().component(ComponentType.ARTIFACT_STORE, "lake").isEmpty());
    CliHarness.Result gone = cli.run("artifact-store", "describe", "lake");
    assertEquals(ExitCodes.USER_ERROR, gone.exitCode());
    assertTrue(gone.err().contains("There is no artifact_store named 'lake'"), gone.err());
  }

  @Test
  void everyComponentGroupHasTheSameVerbs() {
    cli.ok("orchestrator", "register", "second", "--flavor=local", "--max_parallelism=2");
    cli.ok("step-operator", "register", "jvm", "--flavor=local", "--jvm-options=[\"-Xmx512m\"]");
    cli.ok("container-registry", "register", "reg", "--flavor=test-registry", "--uri=localhost:5000");
    cli.ok("image-builder", "register", "builder", "--flavor=test-builder");
    assertEquals(2, stored(ComponentType.ORCHESTRATOR, "second").config().get("max_parallelism"));
    assertEquals(List.of("-Xmx512m"), stored(ComponentType.STEP_OPERATOR, "jvm").config().get("jvm_options"));
    for (String group : List.of("orchestrator", "artifact-store", "step-operator", "container-registry", "image-builder")) {
      CliHarness.Result flavors = cli.ok(group, "flavor", "list");
      assertTrue(flavors.out().startsWith("FLAVOR"), group + ": " + flavors.out());
      cli.ok(group, "list");
    }
    assertTrue(cli.ok("step-operator", "flavor", "list").out().contains("service_account (text)"));
  }

  @Test
  void snakeAndKebabSpellingsMapToZenmlsKey() {
    cli.ok("step-operator", "register", "a", "--flavor=test-kubernetes", "--master=k8s://x", "--service_account=sa1");
    cli.ok("step-operator", "register", "b", "--flavor=test-kubernetes", "--master=k8s://x", "--service-account=sa1");
    assertEquals(stored(ComponentType.STEP_OPERATOR, "a"), stored(ComponentType.STEP_OPERATOR, "b"));
    assertEquals("sa1", stored(ComponentType.STEP_OPERATOR, "b").config().get("service_account"));
    CliHarness.Result twice = cli.run("step-operator", "register", "c", "--flavor=test-kubernetes", "--master=k8s://x",
        "--service-account=a", "--service_account=b");
    assertEquals(ExitCodes.USER_ERROR, twice.exitCode());
    assertTrue(twice.err().contains("The key 'service_account' is given twice"), twice.err());
  }

  @Test
  void secretReferencesAreStoredUnresolved() {
    cli.ok("step-operator", "register", "k8s", "--flavor=test-kubernetes", "--master=k8s://https://127.0.0.1:6443",
        "--service_account={{spark_sa.name}}");
    assertEquals("{{spark_sa.name}}", stored(ComponentType.STEP_OPERATOR, "k8s").config().get("service_account"));
    String file = assertDoesNotThrow(() -> Files.readString(cli.configDir.resolve(StackStore.FILE_NAME)));
    assertTrue(file.contains("\"service_account\" : \"{{spark_sa.name}}\""), file);
  }

  @Test
  void deleteIsRefusedWhileStacksUseTheComponent() {
    cli.ok("artifact-store", "register", "lake", "--flavor=test-store", "--path=s3://b/p");
    cli.ok("stack", "register", "one", "-o", "default", "-a", "lake");
    cli.ok("stack", "register", "two", "-o", "default", "--artifact_store=lake");
    CliHarness.Result refused = cli.run("artifact-store", "delete", "lake");
    assertEquals(ExitCodes.USER_ERROR, refused.exitCode());
    assertTrue(refused.err().contains("used by the stacks one, two"), refused.err());
    assertTrue(refused.err().contains("stepwise stack delete one"), refused.err());
    assertEquals("test-store", stored(ComponentType.ARTIFACT_STORE, "lake").flavor());
  }

  @Test
  void unknownKeyListsTheValidKeys() {
    CliHarness.Result result = cli.run("artifact-store", "register", "lake", "--flavor=test-store",
        "--path=s3://b/p", "--regoin=eu");
    assertEquals(ExitCodes.USER_ERROR, result.exitCode());
    assertTrue(result.err().contains("Unknown key '--regoin'"), result.err());
    assertTrue(result.err().contains("path (text, required), region (text), client_kwargs (JSON object)"), result.err());
    assertNothingRegistered(ComponentType.ARTIFACT_STORE, "lake");
  }

  @Test
  void badJsonForAMapKeyIsAClearError() {
    CliHarness.Result result = cli.run("artifact-store", "register", "lake", "--flavor=test-store",
        "--path=s3://b/p", "--client_kwargs={endpoint:");
    assertEquals(ExitCodes.USER_ERROR, result.exitCode());
    assertTrue(result.err().contains("The value of '--client_kwargs' is not valid JSON"), result.err());
    assertTrue(result.err().contains("--client_kwargs='{\"key\":\"value\"}'"), result.err());
    assertNothingRegistered(ComponentType.ARTIFACT_STORE, "lake");
  }

  @Test
  void jsonThatIsNotAnObjectIsRefusedForAMapKey() {
    CliHarness.Result result = cli.run("step-operator", "register", "k8s", "--flavor=test-kubernetes",
        "--master=k8s://x", "--submit_kwargs=[\"a\"]");
    assertEquals(ExitCodes.USER_ERROR, result.exitCode());
    assertTrue(result.err().contains("'--submit_kwargs' must be a JSON object, got a list"), result.err());
    assertNothingRegistered(ComponentType.STEP_OPERATOR, "k8s");
  }

  @Test
  void missingRequiredKeyIsNamed() {
    CliHarness.Result result = cli.run("step-operator", "register", "k8s", "--flavor=test-kubernetes",
        "--namespace=spark");
    assertEquals(ExitCodes.USER_ERROR, result.exitCode());
    assertTrue(result.err().contains("Missing required key for the 'test-kubernetes' step_operator flavor: give --master="),
        result.err());
  }

  @Test
  void badNumbersAndBooleansAreRefused() {
    CliHarness.Result number = cli.run("orchestrator", "register", "o", "--flavor=local", "--max_parallelism=many");
    assertEquals(ExitCodes.USER_ERROR, number.exitCode());
    assertTrue(number.err().contains("'--max_parallelism' must be whole number, got 'many'"), number.err());
    CliHarness.Result bool = cli.run("artifact-store", "register", "a", "--flavor=test-store", "--path=s3://b",
        "--path-style-access=yes");
    assertEquals(ExitCodes.USER_ERROR, bool.exitCode());
    assertTrue(bool.err().contains("must be true or false, got 'yes'"), bool.err());
    CliHarness.Result invalid = cli.run("orchestrator", "register", "o", "--flavor=local", "--max_parallelism=0");
    assertEquals(ExitCodes.USER_ERROR, invalid.exitCode());
    assertTrue(invalid.err().contains("'max_parallelism' must be 1 or more"), invalid.err());
  }

  @Test
  void flavorValidationProblemsAreReported() {
    CliHarness.Result result = cli.run("artifact-store", "register", "lake", "--flavor=test-store", "--path=/tmp/x");
    assertEquals(ExitCodes.USER_ERROR, result.exitCode());
    assertTrue(result.err().contains("'path' must be an s3:// URI"), result.err());
  }

  @Test
  void unknownFlavorListsTheInstalledOnes() {
    CliHarness.Result result = cli.run("artifact-store", "register", "lake", "--flavor=s4");
    assertEquals(ExitCodes.USER_ERROR, result.exitCode());
    assertTrue(result.err().contains("There is no artifact_store flavor 's4'. Available artifact_store flavors: local, s3, test-store"),
        result.err());
  }

  @Test
  void settingsMustBeKeyEqualsValue() {
    CliHarness.Result spaced = cli.run("artifact-store", "register", "lake", "--flavor=test-store", "--path", "s3://b");
    assertEquals(ExitCodes.USER_ERROR, spaced.exitCode(), spaced.toString());
    assertTrue(spaced.err().contains("give each as --key=value"), spaced.err());
  }

  @Test
  void duplicateNamesAndBadNamesAreRefused() {
    cli.ok("image-builder", "register", "b", "--flavor=test-builder");
    CliHarness.Result again = cli.run("image-builder", "register", "b", "--flavor=test-builder");
    assertEquals(ExitCodes.USER_ERROR, again.exitCode());
    assertTrue(again.err().contains("already exists"), again.err());
    CliHarness.Result badName = cli.run("image-builder", "register", "a b/c", "--flavor=test-builder");
    assertEquals(ExitCodes.USER_ERROR, badName.exitCode());
    assertTrue(badName.err().contains("is not a valid image_builder name"), badName.err());
  }

  @Test
  void usageErrorsExitWithTwo() {
    CliHarness.Result noFlavor = cli.run("artifact-store", "register", "lake");
    assertEquals(ExitCodes.USAGE, noFlavor.exitCode());
    assertTrue(noFlavor.err().contains("Missing required option: '--flavor=FLAVOR'"), noFlavor.err());
    assertEquals(ExitCodes.USAGE, cli.run("artifact-store", "frobnicate").exitCode());
    assertEquals(ExitCodes.USAGE, cli.run("stack", "list", "--bogus").exitCode());
    assertEquals(ExitCodes.USAGE, cli.run().exitCode());
  }

  private void assertNothingRegistered(ComponentType type, String name) {
    assertTrue(StackStore.at(cli.configDir).read().component(type, name).isEmpty(), "nothing stored on error");
  }
}
