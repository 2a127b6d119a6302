package dev.stepwise.step;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a step that asks for one. Kept apart so steps without a SparkSession
 * parameter never load a Spark class.
 */
final class SparkSessions {
  private SparkSession session;
  private boolean created;

  /** The active or default session, else a new one from the JVM's Spark configuration. */
  synchronized SparkSession obtain() {
    if (session == null) {
      boolean existed = SparkSession.getActiveSession().isDefined()
          || SparkSession.getDefaultSession().isDefined();
      SparkSession.Builder builder = SparkSession.builder();
      // secret keys come through the environment (never argv, never a ConfigMap); applied before
      // the context exists, so the driver's conf has them and executors get them over RPC
      SecretSessionConf.forSession().forEach(builder::config);
      session = builder.getOrCreate();
      created = !existed;
    }
    return session;
  }

  /** Stops the session only if this object created it. */
  synchronized void stopIfCreated() {
    if (created && session != null) {
      session.stop();
    }
  }
}
