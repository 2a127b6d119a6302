package dev.stepwise.stack;

/** Where the active stack choice came from, highest precedence first. */
public enum ActiveStackSource {
  ENVIRONMENT("the STEPWISE_ACTIVE_STACK environment variable"),
  PROJECT("the project file"),
  USER("your choice made with `stepwise stack set`"),
  DEFAULT("the built-in default");

  private final String description;

  ActiveStackSource(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
