package dev.stepwise.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The job whose run {@link SparkClassArchive} archives: what a small step's driver loads (a local
 * session, SQL with generated code, Parquet and JSON written and read back), and what the
 * submission client of a Kubernetes step loads (Spark's Kubernetes submission classes, a fabric8
 * client and a pod serialized, never sent), through this Spark home's spark-submit. It references
 * the home's libraries and the JDK only: it runs from a jar of its own, loaded by Spark's
 * application loader, so no Stepwise jar enters the archive's class path. It also writes the
 * driver's class path, against which the archive is checked before it is published.
 *
 * <p>Arguments: a scratch directory it may fill.
 */
public final class ClassArchiveTraining {
  /** Where in the scratch directory the driver's class path is written. */
  static final String CLASS_PATH_FILE = "classpath";

  private ClassArchiveTraining() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    Files.writeString(work.resolve(CLASS_PATH_FILE), System.getProperty("java.class.path"), StandardCharsets.UTF_8);
    SparkSession spark = SparkSession.builder().appName("stepwise-class-archive").getOrCreate();
    try {
      Dataset<Row> numbers = spark.range(0, 200_000).toDF("n")
          .withColumn("bucket", functions.col("n").mod(7))
          .withColumn("label", functions.concat(functions.lit("n-"), functions.col("n").cast("string")));
      Dataset<Row> counts = numbers.filter(functions.col("n").mod(2).equalTo(0))
          .groupBy("bucket").agg(functions.count("n").as("count"), functions.avg("n").as("mean"));
      String parquet = work.resolve("parquet").toString();
      counts.write().parquet(parquet);
      long read = spark.read().parquet(parquet).count();
      String json = work.resolve("json").toString();
      numbers.limit(1_000).write().json(json);
      long jsonRows = spark.read().json(json).filter(functions.col("label").startsWith("n-1")).count();
      numbers.createOrReplaceTempView("numbers");
      long sql = spark.sql("SELECT bucket, max(n) FROM numbers GROUP BY bucket ORDER BY bucket").collectAsList().size();
      System.out.println("class-data archive training: " + read + " " + jsonRows + " " + sql);
    } finally {
      spark.stop();
    }
    System.out.println("class-data archive training, Kubernetes submission classes: " + kubernetesSubmission());
  }

  /**
   * Loads what Spark's Kubernetes submission client loads: its own classes (by name, from its jar),
   * a fabric8 client for an address nothing listens on, and a driver pod serialized to JSON. Nothing
   * is sent. A home without them only archives less.
   */
  static String kubernetesSubmission() {
    int loaded = 0;
    try {
      ClassLoader loader = ClassArchiveTraining.class.getClassLoader();
      Class<?> application = Class.forName("org.apache.spark.deploy.k8s.submit.KubernetesClientApplication", false, loader);
      java.net.URL jar = application.getProtectionDomain().getCodeSource().getLocation();
      try (java.util.jar.JarFile classes = new java.util.jar.JarFile(Path.of(jar.toURI()).toFile())) {
        for (java.util.Enumeration<java.util.jar.JarEntry> e = classes.entries(); e.hasMoreElements(); ) {
          String name = e.nextElement().getName();
          if (name.endsWith(".class") && !name.contains("-")) {
            try {
              Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
              loaded++;
            } catch (LinkageError | ClassNotFoundException skipped) {
              // a class whose optional dependency is absent
            }
          }
        }
      }
      io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client.ConfigBuilder()
          .withMasterUrl("https://127.0.0.1:1").withNamespace("training").build();
      try (io.fabric8.kubernetes.client.KubernetesClient client =
               new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
        io.fabric8.kubernetes.api.model.Pod pod = new io.fabric8.kubernetes.api.model.PodBuilder()
            .withNewMetadata().withName("driver").addToLabels("spark-role", "driver").endMetadata()
            .withNewSpec().addNewContainer().withName("spark-kubernetes-driver").withImage("spark:training")
            .addNewEnv().withName("SPARK_DRIVER_BIND_ADDRESS").withValue("0.0.0.0").endEnv()
            .withNewResources().addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("1408Mi"))
            .endResources().endContainer().endSpec().build();
        client.pods().inNamespace("training").withName("driver");
        return loaded + " classes, pod of " + io.fabric8.kubernetes.client.utils.Serialization.asJson(pod).length()
            + " bytes";
      }
    } catch (Exception | LinkageError e) {
      return "not loaded (" + e + ")";
    }
  }
}
