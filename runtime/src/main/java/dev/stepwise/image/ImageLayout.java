package dev.stepwise.image;

/**
 * Where Stepwise puts things inside the images it builds. Spark's own jars stay in the parent's
 * {@code /opt/spark/jars}; ours live apart so they never shadow them.
 */
public final class ImageLayout {
  public static final String ROOT = "/opt/stepwise";
  /** The dependency jars, one layer; put on the classpath with {@code LIB_DIR + "/*"}. */
  public static final String LIB_DIR = ROOT + "/lib";
  /** The project's classes, packed as one reproducible jar: the {@code local://} app resource. */
  public static final String APP_JAR = ROOT + "/app/app.jar";
  /** Spark's GPU discovery script ({@code spark.executor.resource.gpu.discoveryScript}). */
  public static final String GPU_DISCOVERY_SCRIPT = ROOT + "/bin/gpu-discovery.sh";
  /** A marker naming the inputs' content hash, so an image can be traced back to its build. */
  public static final String MARKER = ROOT + "/image.properties";

  private ImageLayout() {}

  /** The {@code local://} URI Spark uses for a file that is already inside the image. */
  public static String localUri(String pathInImage) {
    return "local://" + pathInImage;
  }
}
