package dev.stepwise.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepwise.support.JsonCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A standalone master over HTTP: its web UI's {@code /json} (state of workers, apps and drivers)
 * and its REST submission server ({@code POST /v1/submissions/kill/<driverId>}). Spark 4's
 * {@code spark-submit --kill} speaks only REST, so against the {@code spark://host:7077} RPC port
 * it cannot connect; the REST server is off unless the master runs with
 * {@code spark.master.rest.enabled=true}.
 *
 * @param webUi the master's web UI ({@code master_web_ui_url}, default port 8080 on the master's host)
 * @param rest the REST submission server ({@code master_rest_url}, default port 6066)
 */
public record StandaloneMasterApi(URI webUi, URI rest) {
  static final int DEFAULT_WEB_UI_PORT = 8080;
  static final int DEFAULT_REST_PORT = 6066;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** The endpoints of {@code master}, from the given URLs or its first host with Spark's default ports. */
  static StandaloneMasterApi of(SparkMaster master, String webUiUrl, String restUrl) {
    String first = master.url().substring("spark://".length()).split(",")[0];
    String host = first.substring(0, first.lastIndexOf(':'));
    return new StandaloneMasterApi(
        URI.create(stripSlash(webUiUrl != null ? webUiUrl : "http://" + host + ":" + DEFAULT_WEB_UI_PORT)),
        URI.create(stripSlash(restUrl != null ? restUrl : "http://" + host + ":" + DEFAULT_REST_PORT)));
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The master's state now; IOException when its web UI does not answer. */
  StandaloneMasterState state() throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(webUi + "/json/"))
        .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("the master's web UI " + webUi + "/json/ answered HTTP " + response.statusCode());
    }
    return StandaloneMasterState.parse(JsonCodec.mapper().readTree(response.body()));
  }

  /** What the REST server said to a kill request. */
  record KillAnswer(boolean success, String message) {}

  /** Asks the REST submission server to kill {@code driverId}; IOException when it does not answer. */
  KillAnswer kill(String driverId) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(rest + "/v1/submissions/kill/" + driverId))
        .timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body;
    try {
      body = JsonCodec.mapper().readTree(response.body());
    } catch (IOException notJson) {
      throw new IOException(rest + " is not a Spark REST submission server (HTTP " + response.statusCode() + ")");
    }
    return new KillAnswer(body.path("success").asBoolean(false), body.path("message").asText(""));
  }

  /** Reads {@code length} bytes from {@code offset} of a driver's log on its worker ({@code /log/}). */
  static String workerLog(String workerWebUi, String driverId, String logType, long offset, int length)
      throws IOException, InterruptedException {
    URI uri = URI.create(stripSlash(workerWebUi) + "/log/?driverId=" + driverId + "&logType=" + logType
        + "&offset=" + offset + "&byteLength=" + length);
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("the worker's log page " + uri + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  private static final Duration KILL_CONFIRMATION = Duration.ofSeconds(30);

  /**
   * Kills cluster-mode driver {@code id} through the REST server and waits until {@code /json} shows
   * it ended; empty when that is confirmed, else why not, naming the fix.
   */
  Optional<String> killConfirmed(String id) {
    try {
      KillAnswer answer = kill(id);
      if (!answer.success() && !answer.message().contains("already finished")) {
        return Optional.of("the master refused to kill driver " + id + ": " + answer.message());
      }
    } catch (IOException e) {
      return Optional.of("could not ask the standalone master to kill driver " + id + ": its REST submission server "
          + rest() + " did not answer (" + e.getMessage() + "). Spark 4 kills drivers only through it: start the"
          + " master with spark.master.rest.enabled=true (e.g. SPARK_MASTER_OPTS=\"-Dspark.master.rest.enabled=true\")"
          + " or set the step operator's master_rest_url; the driver may still be running, kill it from the master's"
          + " web UI " + webUi());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while killing driver " + id);
    }
    return confirmDriverEnded(id);
  }


  private Optional<String> confirmDriverEnded(String id) {
    long deadline = System.nanoTime() + KILL_CONFIRMATION.toNanos();
    String last = "";
    while (true) {
      try {
        StandaloneMasterState state = state();
        if (state.activeDriver(id).isEmpty()) {
          return Optional.empty();
        }
        last = "the master still lists driver " + id + " as " + state.activeDriver(id).get().state();
      } catch (IOException e) {
        last = "the master's web UI " + webUi() + " did not answer (" + e.getMessage() + "); set the step"
            + " operator's master_web_ui_url if it is not on port " + DEFAULT_WEB_UI_PORT;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted while confirming that driver " + id + " was killed");
      }
      if (System.nanoTime() > deadline) {
        return Optional.of("could not confirm that driver " + id + " was killed within "
            + dev.stepwise.support.DurationText.of(KILL_CONFIRMATION) + ": " + last
            + "; check the master's web UI " + webUi() + " and kill it there");
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted while confirming that driver " + id + " was killed");
      }
    }
  }
}
