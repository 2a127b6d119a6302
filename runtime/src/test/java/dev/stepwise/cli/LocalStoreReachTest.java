package dev.stepwise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local artifact store with a {@code spark} step operator whose Spark processes cannot see this machine. */
class LocalStoreReachTest {
  @TempDir Path temp;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(temp);
  }

  private CliHarness.Result registerStack(String operator, String master, String deployMode) {
    cli.ok("step-operator", "register", operator, "--flavor=spark", "--master=" + master, "--deploy_mode=" + deployMode);
    return cli.run("stack", "register", operator + "_stack", "-o", "default", "-a", "default", "-s", operator);
  }

  @Test
  void remoteDriversOrExecutorsAreRefusedWithTheFix() {
    for (String[] refused : new String[][] {
        {"on_yarn", "yarn", "cluster"}, {"on_yarn_client", "yarn", "client"},
        {"on_k8s", "k8s://https://10.0.0.1:6443", "cluster"}, {"remote_standalone", "spark://10.1.2.3:7077", "cluster"}}) {
      CliHarness.Result r = registerStack(refused[0], refused[1], refused[2]);
      assertEquals(ExitCodes.USER_ERROR, r.exitCode(), r.toString());
      assertTrue(r.err().contains("cannot read or write the local artifact store 'default'")
          && r.err().contains("--flavor=s3"), r.err());
    }
    CliHarness.Result standalone = registerStack("remote_again", "spark://10.1.2.3:7077", "cluster");
    assertTrue(standalone.err().contains("--deploy_mode=client"), standalone.err());
  }

  @Test
  void driversOnThisMachineKeepTheLocalStore() {
    for (String[] accepted : new String[][] {
        {"loopback_standalone", "spark://127.0.0.1:7077", "cluster"}, {"localhost_standalone", "spark://localhost:7077", "cluster"},
        {"remote_client", "spark://10.1.2.3:7077", "client"}, {"local", "local[2]", "client"}}) {
      CliHarness.Result r = registerStack(accepted[0], accepted[1], accepted[2]);
      assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    }
  }
}
