package dev.stepwise.cli;

import dev.stepwise.spark.EmbeddedSparkHome;
import dev.stepwise.support.StepwiseCacheDir;
import picocli.CommandLine.Command;

/**
 * {@code stepwise spark-home}: prints the embedded Spark home (assembling it on first use), the one
 * steps use without {@code spark_home}/{@code SPARK_HOME} and the one to start a standalone cluster from.
 */
@Command(name = "spark-home", mixinStandardHelpOptions = true,
    description = {"Print the path of the Spark home Stepwise assembles (building it if needed).",
        "Start a standalone cluster from it: $(stepwise spark-home)/sbin/start-master.sh, then"
            + " $(stepwise spark-home)/sbin/start-worker.sh spark://HOST:7077."})
final class SparkHomeCommand extends CliCommand {
  @Override
  protected int execute() {
    out().println(EmbeddedSparkHome.assemble(StepwiseCacheDir.standard()));
    return ExitCodes.OK;
  }
}
