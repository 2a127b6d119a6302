package dev.stepwise.stack;

/**
 * Entry point to the stacks a user registered: resolves the active stack (STEPWISE_ACTIVE_STACK,
 * else the project's .stepwise/config.json, else the user's choice, else {@code default}), validates
 * it, and creates its components through their flavors.
 */
public final class Stacks {
  private Stacks() {}

  /** The active stack, validated and with its components created. Throws {@link StackException}. */
  public static ResolvedStack active() {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** The stack of that name, validated and with its components created. Throws {@link StackException}. */
  public static ResolvedStack named(String name) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
