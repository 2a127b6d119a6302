package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands the CLI prints for the user to type next work when typed: a run on a stack that is
 * not the active one is reached with {@code --stack}, and a refused {@code stack register} suggests
 * a command for a stack that does not exist yet.
 */
class CliHintsTest {
  @TempDir Path root;

  @Test
  void hintsAfterARunOnAnotherStackCarryItsName() {
    CliHarness cli = new CliHarness(root);
    cli.ok("artifact-store", "register", "elsewhere", "--flavor=local", "--path=" + root.resolve("elsewhere"));
    cli.ok("stack", "register", "side", "-o", "default", "-a", "elsewhere");

    CliHarness.Result ran = cli.ok("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline", "--stack", "side",
        "--classpath", System.getProperty("java.class.path"));
    String describe = hint(ran.out(), "Details: (stepwise run describe .*)");
    String logs = hint(ran.out(), "Logs: +(stepwise run logs \\S+ --stack side)");
    assertTrue(describe.endsWith(" --stack side"), ran.out());

    // typed as printed, each hint finds the run
    CliHarness.Result described = cli.ok(args(describe));
    assertTrue(described.out().contains("COMPLETED"), described.toString());
    assertTrue(described.out().contains("stepwise run logs ") && described.out().contains(" --stack side"),
        described.out());
    assertTrue(cli.ok(args(logs)).out().contains("squaring"), logs);

    // on the active stack the hint stays short
    CliHarness.Result onActive = cli.ok("pipeline", "run", "dev.stepwise.fixtures.NumbersPipeline",
        "--classpath", System.getProperty("java.class.path"));
    assertFalse(onActive.out().contains("--stack"), onActive.out());
    cli.ok(args(hint(onActive.out(), "Details: (stepwise run describe .*)")));
  }

  @Test
  void aRefusedRegistrationSuggestsRegisteringAgainNotUpdating() {
    CliHarness cli = new CliHarness(root);
    cli.ok("step-operator", "register", "k8s", "--flavor=spark-kubernetes",
        "--master=k8s://https://10.0.0.1:6443", "--namespace=spark", "--service_account=spark");
    cli.ok("artifact-store", "register", "lake", "--flavor=s3", "--path=s3://bucket/stepwise");
    // a Kubernetes step operator needs a container registry and an image builder in its stack
    CliHarness.Result refused = cli.run("stack", "register", "fresh", "-o", "default", "-a", "lake", "-s", "k8s");
    assertEquals(ExitCodes.USER_ERROR, refused.exitCode(), refused.toString());
    assertFalse(refused.err().contains("stack update fresh"), refused.err());
    assertTrue(refused.err().contains("`stepwise stack register fresh` again with `-c NAME` added"), refused.err());
    assertTrue(refused.err().contains("`stepwise stack register fresh` again with `-i jib` added"), refused.err());

    // once the stack exists, its problems are fixed with update
    cli.ok("stack", "register", "plain", "-o", "default", "-a", "lake");
    CliHarness.Result update = cli.run("stack", "update", "plain", "-s", "k8s");
    assertTrue(update.err().contains("`stepwise stack update plain -c NAME`"), update.toString());
  }

  @Test
  void aLaterLayerWithTheSameValueIsNoOverride() {
    CliHarness cli = new CliHarness(root);
    // sizedSleep sets spark.ui.enabled=false itself; the same value from --conf changes nothing
    CliHarness.Result same = cli.ok("step", "explain", "sizedSleep", "--stack", "default",
        "--classpath", System.getProperty("java.class.path"), "--conf", "spark.ui.enabled=false");
    assertFalse(same.out().contains("is overridden"), same.out());
    CliHarness.Result other = cli.ok("step", "explain", "sizedSleep", "--stack", "default",
        "--classpath", System.getProperty("java.class.path"), "--conf", "spark.ui.enabled=true");
    assertTrue(other.out().contains("spark.ui.enabled set by @SparkStepOperatorSettings to 'false' is overridden by"
        + " run override with 'true'"), other.out());
  }

  private static String hint(String out, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(out);
    assertTrue(matcher.find(), "no hint like " + regex + " in:\n" + out);
    return matcher.group(1).trim();
  }

  /** The hint's words after {@code stepwise}, as a shell would split them. */
  private static String[] args(String hint) {
    List<String> words = Arrays.asList(hint.replace(" [--step NAME]", "").split(" +"));
    return words.subList(1, words.size()).toArray(String[]::new);
  }
}
