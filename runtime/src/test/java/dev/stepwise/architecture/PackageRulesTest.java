package dev.stepwise.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runtime's package rules, as each package-info.java states them, checked on the compiled
 * classes: which Stepwise packages each package may import, and no cycle between packages.
 */
class PackageRulesTest {
  private static final String ROOT = "dev.stepwise";

  /** Each runtime package and the Stepwise packages it may import (itself and its subpackages always). */
  private static final Map<String, Set<String>> MAY_IMPORT = Map.ofEntries(
      Map.entry("support", Set.of()),
      Map.entry("flavor", Set.of("support")),
      Map.entry("stack", Set.of("flavor", "support")),
      Map.entry("secret", Set.of("flavor", "stack", "support")),
      Map.entry("artifact", Set.of("flavor", "stack", "support")),
      Map.entry("step", Set.of("artifact", "support")),
      Map.entry("discovery", Set.of("step", "support")),
      Map.entry("operator", Set.of("step", "artifact", "stack", "support")),
      Map.entry("cache", Set.of("artifact", "discovery", "step", "support")),
      Map.entry("orchestrator", Set.of("operator", "stack", "flavor", "step", "artifact", "discovery", "cache",
          "support", "annotations")),
      Map.entry("pipeline", Set.of("orchestrator", "stack", "flavor", "secret", "step", "artifact", "support")),
      Map.entry("spark", Set.of("operator", "artifact", "flavor", "stack", "step", "support")),
      Map.entry("image", Set.of("flavor", "secret", "support")),
      Map.entry("s3", Set.of("artifact", "spark", "flavor", "secret", "stack", "support")),
      Map.entry("kubernetes", Set.of("spark", "image", "operator", "artifact", "secret", "flavor", "stack", "step",
          "support")));

  private static JavaClasses classes;

  @BeforeAll
  static void importRuntime() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(ROOT);
  }

  static List<String> packages() {
    return MAY_IMPORT.keySet().stream().sorted().toList();
  }

  @ParameterizedTest
  @MethodSource("packages")
  void importsOnlyWhatItsPackageInfoAllows(String pkg) {
    List<String> forbidden = new ArrayList<>();
    for (String other : List.of("annotations", "support", "flavor", "stack", "secret", "artifact", "step", "discovery",
        "cache", "operator", "orchestrator", "pipeline", "spark", "image", "s3", "kubernetes", "cli")) {
      if (!other.equals(pkg) && !MAY_IMPORT.get(pkg).contains(other)) {
        forbidden.add(ROOT + "." + other + "..");
      }
    }
    noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
        .because("package-info.java of " + ROOT + "." + pkg + " says what it may import")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void noCoreOrContractPackageNamesAFlavor() {
    noClasses().that().resideInAnyPackage(ROOT + ".operator..", ROOT + ".orchestrator..", ROOT + ".pipeline..",
            ROOT + ".stack..", ROOT + ".flavor..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".spark..", ROOT + ".kubernetes..",
            ROOT + ".image..", ROOT + ".s3..")
        .because("flavors plug in through ServiceLoader; the core names none")
        .check(classes);
  }
}
