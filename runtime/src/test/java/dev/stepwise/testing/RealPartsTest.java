package dev.stepwise.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The switch that turns a missing real part from a skip into a failure. */
class RealPartsTest {
  @Test
  void onlyOneOrTrueRequireParts() {
    assertTrue(RealParts.requiredByEnvironment("1"));
    assertTrue(RealParts.requiredByEnvironment("true"));
    assertFalse(RealParts.requiredByEnvironment(null));
    assertFalse(RealParts.requiredByEnvironment(""));
    assertFalse(RealParts.requiredByEnvironment("0"));
    assertFalse(RealParts.requiredByEnvironment("false"));
    IllegalStateException bad = assertThrows(IllegalStateException.class, () -> RealParts.requiredByEnvironment("yes"));
    assertTrue(bad.getMessage().contains("set it to 1"), bad.getMessage());
  }
}
