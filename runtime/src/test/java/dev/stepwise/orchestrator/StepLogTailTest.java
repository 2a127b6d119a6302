package dev.stepwise.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The error a failed step's log shows, as its record names it. */
class StepLogTailTest {

  @Test
  void aJvmErrorWinsOverTheExceptionsThatFollowIt() {
    List<String> log = List.of(
        "25/12/02 16:59:49 INFO SparkContext: Running Spark version 4.1.0",
        "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
        "\tat dev.acme.Big.load(Big.java:10)",
        "25/12/02 16:59:50 ERROR Utils: java.lang.IllegalStateException: SparkContext has been shutdown");
    assertEquals(Optional.of(new StepLogTail.Shown("java.lang.OutOfMemoryError", "Java heap space")),
        StepLogTail.errorShown(log));
  }

  @Test
  void theRootCauseIsNamedWhenThereIsNoError() {
    List<String> log = List.of(
        "org.apache.spark.SparkException: Job aborted.",
        "Caused by: java.io.FileNotFoundException: /data/in.csv (No such file or directory)");
    assertEquals("java.io.FileNotFoundException: /data/in.csv (No such file or directory)",
        StepLogTail.errorShown(log).orElseThrow().text());
    assertEquals(Optional.empty(), StepLogTail.errorShown(List.of("all good", "done")));
  }

  @Test
  void keepsTheLastFiftyLines() {
    StepLogTail tail = new StepLogTail();
    IntStream.range(0, 120).forEach(i -> tail.add("line " + i));
    assertEquals(50, tail.lines().size());
    assertEquals("line 70", tail.lines().get(0));
    assertEquals("line 119", tail.lines().get(49));
  }
}
