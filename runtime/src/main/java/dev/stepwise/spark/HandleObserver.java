package dev.stepwise.spark;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.launcher.SparkAppHandle;

/** Remembers what Spark's handle last reported (state, app id); set up before the child starts. */
final class HandleObserver implements SparkAppHandle.Listener {
  private final AtomicReference<SparkAppHandle.State> state = new AtomicReference<>(SparkAppHandle.State.UNKNOWN);
  private final AtomicReference<String> appId = new AtomicReference<>();

  @Override
  public void stateChanged(SparkAppHandle handle) {
    state.set(handle.getState());
    infoChanged(handle);
  }

  @Override
  public void infoChanged(SparkAppHandle handle) {
    if (handle.getAppId() != null) {
      appId.set(handle.getAppId());
    }
  }

  SparkAppHandle.State state() {
    return state.get();
  }

  Optional<String> appId() {
    return Optional.ofNullable(appId.get());
  }
}
