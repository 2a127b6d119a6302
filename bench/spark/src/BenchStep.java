import dev.stepwise.spark.EmbeddedSparkHome;
import dev.stepwise.spark.SparkClassArchive;
import dev.stepwise.support.StepwiseCacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The benches' view of the embedded Spark home: with {@code --print-spark-home} it prints the home
 * (assembling it if needed); with {@code --archive-env} it builds the home's
 * class-data archive for this JVM if there is none, waiting for it, and prints the environment a
 * launch gives spark-submit for it ({@code NAME=value} lines), so a raw spark-submit can use the same.
 */
public final class BenchStep {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--print-spark-home")) {
      System.out.println(EmbeddedSparkHome.assemble(StepwiseCacheDir.standard()));
      return;
    }
    if (args.length > 0 && args[0].equals("--archive-env")) {
      Path home = EmbeddedSparkHome.assemble(StepwiseCacheDir.standard());
      SparkClassArchive archive = SparkClassArchive.of(home, Path.of(System.getProperty("java.home")),
          StepwiseCacheDir.standard(), Map.of()).orElseThrow();
      // build it here, or wait for a build another process started
      archive.startBuild();
      archive.awaitBuild(java.time.Duration.ofMinutes(20));
      Path failed = archive.path().resolveSibling(archive.path().getFileName() + ".failed");
      if (!archive.ready() && Files.exists(failed)) {
        throw new IllegalStateException("the archive build failed: " + Files.readString(failed));
      }
      if (!archive.ready()) {
        throw new IllegalStateException("no archive at " + archive.path() + "; see its .log");
      }
      archive.launchEnvironment(Map.of()).forEach((name, value) -> System.out.println(name + "=" + value));
      return;
    }
    System.err.println("usage: BenchStep --print-spark-home | --archive-env");
    System.exit(2);
  }
}
