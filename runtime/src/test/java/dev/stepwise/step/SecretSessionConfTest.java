package dev.stepwise.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the driver's session builder sets from its environment: secret keys and executor copies, all masked by Spark. */
class SecretSessionConfTest {
  private static final Map<String, String> ENV = Map.of(
      "AWS_ACCESS_KEY_ID", "AKIA-ID", "AWS_SECRET_ACCESS_KEY", "s3cr3t", "HOME", "/home/u",
      SecretSessionConf.ENVIRONMENT_VARIABLE, "spark.probe.token=tok\n");

  @Test
  void namedDriverVariablesBecomeExecutorEnvironmentAndAreRedacted() {
    Map<String, String> conf = SecretSessionConf.forSession(ENV, key -> Map.of(
        SecretSessionConf.EXECUTOR_ENV_FROM_DRIVER, "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,AWS_SESSION_TOKEN").get(key));

    assertEquals("AKIA-ID", conf.get("spark.executorEnv.AWS_ACCESS_KEY_ID"));
    assertEquals("s3cr3t", conf.get("spark.executorEnv.AWS_SECRET_ACCESS_KEY"));
    assertFalse(conf.containsKey("spark.executorEnv.AWS_SESSION_TOKEN"), "an unset variable is not invented");
    assertFalse(conf.containsKey("spark.executorEnv.HOME"), "only named variables go to executors");
    assertEquals("tok", conf.get("spark.probe.token"));
    Pattern redaction = Pattern.compile(conf.get("spark.redaction.regex"));
    for (String key : new String[] {"spark.executorEnv.AWS_ACCESS_KEY_ID", "spark.executorEnv.AWS_SECRET_ACCESS_KEY",
        "spark.probe.token"}) {
      assertTrue(redaction.matcher(key).find(), key + " is masked by Spark");
    }
    assertFalse(redaction.matcher("spark.executor.memory").find());
  }

  @Test
  void aUsersRedactionRegexIsExtendedNotReplaced() {
    Map<String, String> conf = SecretSessionConf.forSession(ENV, key -> Map.of(
        SecretSessionConf.EXECUTOR_ENV_FROM_DRIVER, "AWS_SECRET_ACCESS_KEY",
        "spark.redaction.regex", "(?i)mykey").get(key));
    Pattern redaction = Pattern.compile(conf.get("spark.redaction.regex"));
    assertTrue(redaction.matcher("spark.app.mykey").find());
    assertTrue(redaction.matcher("spark.executorEnv.AWS_SECRET_ACCESS_KEY").find());
  }

  @Test
  void withoutSecretsOrNamesNothingIsSet() {
    assertEquals(Map.of(), SecretSessionConf.forSession(Map.of("HOME", "/home/u"), key -> null));
  }
}
