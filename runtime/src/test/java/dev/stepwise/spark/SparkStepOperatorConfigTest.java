package dev.stepwise.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkStepOperatorConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<String> problems(String master, String deployMode) {
    return SparkStepOperatorConfig.of(master, deployMode).problems();
  }

  @Test
  void acceptedMasters() {
    for (String master : List.of("local", "local[2]", "local[*]", "spark://127.0.0.1:7077",
        "spark://a:7077,b.example.com:7077", "yarn", "k8s://https://10.0.0.1:6443")) {
      assertEquals(List.of(), problems(master, "client"), master);
    }
    assertEquals(List.of(), problems("spark://h:7077", "cluster"));
  }

  @Test
  void unknownMasterSchemeNamesTheAcceptedForms() {
    for (String master : List.of("mesos://h:5050", "local[0]", "local[x]", "spark://", "spark://host", "")) {
      List<String> problems = problems(master, "client");
      assertEquals(1, problems.size(), master);
      assertTrue(problems.get(0).contains("spark://host:port"), problems.get(0));
    }
  }

  @Test
  void clusterModeOnLocalMasterSaysToUseClient() {
    List<String> problems = problems("local[2]", null); // default deploy mode is cluster, as in ZenML
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).contains("set deploy_mode to 'client'"), problems.get(0));
  }

  @Test
  void unknownDeployMode() {
    assertTrue(problems("local", "driver").get(0).contains("use 'client' or 'cluster'"));
  }

  @Test
  void submitKwargsAcceptAnObjectOrAJsonString() throws Exception {
    var fromObject = JSON.readValue(
        "{\"master\":\"local\",\"deploy_mode\":\"client\",\"submit_kwargs\":{\"spark.executor.instances\":2}}",
        SparkStepOperatorConfig.class);
    var fromString = JSON.readValue(
        "{\"master\":\"local\",\"deploy_mode\":\"client\",\"submit_kwargs\":\"{\\\"spark.executor.instances\\\": \\\"2\\\"}\"}",
        SparkStepOperatorConfig.class);
    assertEquals(Map.of("spark.executor.instances", "2"), fromObject.submitKwargs());
    assertEquals(fromObject, fromString);
    assertEquals(List.of(), fromString.problems());
  }

  @Test
  void malformedSubmitKwargsAreRefusedWithAnExample() {
    var e = assertThrows(Exception.class, () -> JSON.readValue(
        "{\"master\":\"local\",\"submit_kwargs\":\"{spark.executor.instances: 2\"}", SparkStepOperatorConfig.class));
    assertTrue(e.getMessage().contains("submit_kwargs is not valid JSON"), e.getMessage());
    var nested = assertThrows(Exception.class, () -> JSON.readValue(
        "{\"master\":\"local\",\"submit_kwargs\":{\"spark.a\":{\"b\":1}}}", SparkStepOperatorConfig.class));
    assertTrue(nested.getMessage().contains("must be a string, number or boolean"), nested.getMessage());
    var badKey = new SparkStepOperatorConfig("local", "client", Map.of("executor.memory", "4g"), null, null);
    assertTrue(badKey.problems().get(0).contains("is not a Spark property"), badKey.problems().toString());
  }

  @Test
  void unknownKeysAreRejected() {
    assertThrows(UnrecognizedPropertyException.class,
        () -> JSON.readValue("{\"master\":\"local\",\"mastr\":\"x\"}", SparkStepOperatorConfig.class));
  }

  @Test
  void timeouts() {
    assertEquals(Duration.ofMinutes(30), new SparkStepOperatorConfig("local", "client", null, null, "PT30M").timeoutDuration().orElseThrow());
    assertEquals(Duration.ofSeconds(90), new SparkStepOperatorConfig("local", "client", null, null, "90s").timeoutDuration().orElseThrow());
    assertEquals(Duration.ofHours(2), new SparkStepOperatorConfig("local", "client", null, null, "2h").timeoutDuration().orElseThrow());
    List<String> problems = new SparkStepOperatorConfig("local", "client", null, null, "soon").problems();
    assertTrue(problems.get(0).contains("PT30M"), problems.toString());
    assertTrue(new SparkStepOperatorConfig("local", "client", null, null, "0s").problems().get(0).contains("positive"));
  }

  @Test
  void sparkHomeWithoutSparkSubmitIsRefused() {
    List<String> problems = new SparkStepOperatorConfig("local", "client", null, "/nonexistent/spark", null).problems();
    assertTrue(problems.get(0).contains("bin/spark-submit"), problems.toString());
  }
}
