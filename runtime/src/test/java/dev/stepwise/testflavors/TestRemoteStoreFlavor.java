package dev.stepwise.testflavors;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stepwise.flavor.ComponentType;
import java.util.List;
import java.util.Map;

/** An artifact store standing in for a remote one (s3): a required path and a map-valued key. */
public final class TestRemoteStoreFlavor extends TestFlavor<TestRemoteStoreFlavor.Config> {
  public record Config(
      @JsonProperty(value = "path", required = true) String path,
      @JsonProperty("region") String region,
      @JsonProperty("client_kwargs") Map<String, String> clientKwargs,
      @JsonProperty("path_style_access") Boolean pathStyleAccess,
      @JsonProperty("max_retries") Integer maxRetries) {}

  public TestRemoteStoreFlavor() {
    super(ComponentType.ARTIFACT_STORE, "test-store", Config.class);
  }

  @Override
  public List<String> validateConfig(Config config) {
    return config.path().startsWith("s3://") ? List.of()
        : List.of("'path' must be an s3:// URI, got '" + config.path() + "'; e.g. --path=s3://bucket/prefix");
  }
}
