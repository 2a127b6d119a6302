package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.secret.SecretStore;
import dev.stepwise.stack.StepwiseEnvironment;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SecretCommandTest {
  @TempDir Path configDir;

  private record Result(int exit, String out, String err) {}

  private Result run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SecretCommand(environment(),
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  private StepwiseEnvironment environment() {
    return new StepwiseEnvironment(Map.of("STEPWISE_CONFIG_DIR", configDir.toString()), configDir, configDir);
  }

  @Test
  void worksUnderTheStepwiseRootWithItsConfigDir() {
    // through Main as registered, never re-added here: a `secret` group missing from the root fails
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(environment(), new PrintWriter(out, true), new PrintWriter(err, true),
        "secret", "create", "rooted", "--k=v");
    assertEquals(0, exit, err.toString());
    assertEquals(java.util.List.of("rooted"), new SecretStore(configDir).list(),
        "the root's config dir is used, not the one the group was made with");
  }

  @Test
  void createListDescribeUpdateDeleteCycle() throws Exception {
    Result created = run("", "create", "minio", "--aws_access_key_id=AKIA1", "--aws_secret_access_key", "s3cr3t");
    assertEquals(0, created.exit(), created.err());
    assertFalse(created.out().contains("s3cr3t"), created.out());

    assertEquals("minio\n", run("", "list").out());

    Result described = run("", "describe", "minio");
    assertEquals("Secret 'minio':\n  aws_access_key_id: ***\n  aws_secret_access_key: ***\n", described.out());

    assertEquals(0, run("", "update", "minio", "--aws_session_token=tok").exit());
    assertEquals(Map.of("aws_access_key_id", "AKIA1", "aws_secret_access_key", "s3cr3t", "aws_session_token", "tok"),
        new SecretStore(configDir).get("minio").values());

    assertEquals(0, run("", "delete", "minio").exit());
    assertTrue(run("", "list").out().contains("No secrets"));
    assertFalse(Files.readString(configDir.resolve("secrets.json")).contains("s3cr3t"));
  }

  @Test
  void readsDashValuesFromStdin() {
    assertEquals(0, run("only-value\n", "create", "one", "--token=-").exit());
    assertEquals("only-value", new SecretStore(configDir).get("one").values().get("token"));

    assertEquals(0, run("AKIA2\nsecret two\n", "create", "two",
        "--aws_access_key_id=-", "--region=eu-west-1", "--aws_secret_access_key=-").exit());
    assertEquals(Map.of("aws_access_key_id", "AKIA2", "aws_secret_access_key", "secret two", "region", "eu-west-1"),
        new SecretStore(configDir).get("two").values());

    Result shortInput = run("just-one\n", "create", "three", "--a=-", "--b=-");
    assertEquals(1, shortInput.exit());
    assertTrue(shortInput.err().contains("stdin ended before the value of 'b'"), shortInput.err());
  }

  @Test
  void errorsGoToStderrWithTheFix() {
    Result missing = run("", "describe", "nope");
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("stepwise secret create nope"), missing.err());

    Result noValue = run("", "create", "x", "--key");
    assertEquals(1, noValue.exit());
    assertTrue(noValue.err().contains("--key=VALUE"), noValue.err());

    Result noKeys = run("", "create", "x");
    assertEquals(1, noKeys.exit());
    assertTrue(noKeys.err().contains("at least one value"), noKeys.err());

    run("", "create", "dup", "--k=1");
    Result exists = run("", "create", "dup", "--k=2");
    assertEquals(1, exists.exit());
    assertTrue(exists.err().contains("already exists"), exists.err());
  }
}
