package dev.stepwise.kubernetes.apps;

import java.util.concurrent.CountDownLatch;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * A driver that starts its SparkContext (on a {@code k8s://} master its scheduler starts asking the
 * API for executor pods) and then idles until killed; it runs no job, so it needs no executor. With
 * none registering, the constructor itself waits up to 30 s (maxRegisteredResourcesWaitingTime).
 */
public final class IdleDriverApp {
  public static final String STARTED = "stepwise-test: driver started as ";

  public static void main(String[] args) throws InterruptedException {
    SparkContext context = new SparkContext(new SparkConf());
    System.out.println(STARTED + context.applicationId());
    new CountDownLatch(1).await();
  }
}
