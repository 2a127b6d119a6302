package dev.stepwise.spark;

import dev.stepwise.support.JsonCodec;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A launcher JVM for {@link LauncherDeathTest}: submits the sleeping app, writes the launch record
 * to {@code args[0]} once the app runs, then waits to be killed.
 */
public final class OrphanLauncherMain {
  public static void main(String[] args) throws Exception {
    SparkTestFixtures.CollectedLog log = new SparkTestFixtures.CollectedLog();
    StepwiseCacheDir cache = new StepwiseCacheDir(Path.of(args[1]));
    Path home = EmbeddedSparkHome.assemble(cache);
    Path jar = Path.of(args[2]);
    SparkSubmission submission = new SparkSubmission(SparkMaster.parse("local[1]"), DeployMode.CLIENT, "orphan-test",
        "dev.stepwise.spark.apps.SleepingApp", jar.toString(), List.of(), List.of(), List.of(
            new SparkConfEntry("spark.ui.enabled", "false", ConfSource.COMPONENT, false)), List.of());
    SparkStepLaunch launch = SparkSubmitter.submit(submission, home, Map.of(), log, Optional.empty(), cache.path());
    while (!log.contains("sleeping")) {
      Thread.sleep(100);
    }
    Path temp = Path.of(args[0] + ".tmp");
    Files.write(temp, JsonCodec.mapper().writeValueAsBytes(launch.record()));
    Files.move(temp, Path.of(args[0]));
    Thread.sleep(Long.MAX_VALUE);
  }
}
