package dev.stepwise.processor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GoldenSwitchTest {
  @Test
  void zeroAndUnsetCompareOnlyOneRewrites() {
    assertFalse(GoldenSwitch.parse(null));
    assertFalse(GoldenSwitch.parse(""));
    assertFalse(GoldenSwitch.parse("0"));
    assertFalse(GoldenSwitch.parse("false"));
    assertTrue(GoldenSwitch.parse("1"));
    assertTrue(GoldenSwitch.parse("true"));
    assertTrue(assertThrows(IllegalStateException.class, () -> GoldenSwitch.parse("yes")).getMessage()
        .contains("STEPWISE_REGENERATE_GOLDEN='yes'"));
  }
}
