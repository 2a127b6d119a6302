package dev.stepwise.orchestrator;

/**
 * Whether the process that runs a run is still alive, as far as this process can tell.
 *
 * @param state alive, gone, or unknown (another host or PID namespace: nothing here can tell)
 * @param explanation one sentence saying how that was decided
 */
public record Liveness(State state, String explanation) {

  /** A closed set: only {@code GONE} lets a reader close a run it did not run. */
  public enum State { ALIVE, GONE, UNKNOWN }

  static Liveness alive(String why) {
    return new Liveness(State.ALIVE, why);
  }

  static Liveness gone(String why) {
    return new Liveness(State.GONE, why);
  }

  static Liveness unknown(String why) {
    return new Liveness(State.UNKNOWN, why);
  }
}
