package dev.fastgpu.testkit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enforces the module graph of DESIGN.md, both in the POMs and in the compiled classes, and keeps
 * the scheduler core pure.
 *
 * <pre>
 * model <- scheduler <- sim
 * model <- store <- server -> api <- agent, cli
 * </pre>
 * One documented addition: {@code cli} is the assembly point of the single {@code fastgpu} binary,
 * so it may also use {@code server}, {@code agent} and {@code sim} to offer their subcommands.
 */
class ModuleGraphTest {

    /** Module -> the FastGPU modules it may depend on. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "model", Set.of(),
            "scheduler", Set.of("model"),
            "store", Set.of("model"),
            "api", Set.of("model"),
            "server", Set.of("model", "scheduler", "store", "api"),
            "agent", Set.of("model", "api"),
            "sim", Set.of("model", "scheduler"),
            "cli", Set.of("model", "api", "server", "agent", "sim", "scheduler", "store"));

    static final List<String> ALL = List.of("model", "scheduler", "store", "api", "server", "agent", "cli", "sim", "testkit", "bench");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.fastgpu");
    }

    static List<String> constrainedModules() {
        return new ArrayList<>(new TreeSet<>(ALLOWED.keySet()));
    }

    @ParameterizedTest(name = "{0} uses only the modules DESIGN.md allows")
    @MethodSource("constrainedModules")
    void classes_respect_the_module_graph(String module) {
        String[] forbidden = ALL.stream()
                .filter(m -> !m.equals(module) && !ALLOWED.get(module).contains(m))
                .map(m -> "dev.fastgpu." + m + "..")
                .toArray(String[]::new);
        noClasses().that().resideInAPackage("dev.fastgpu." + module + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .because("DESIGN.md's module rule says " + module + " may only use " + ALLOWED.get(module))
                .allowEmptyShould(true) // a module may still be empty while later issues fill it
                .check(classes);
    }

    @ParameterizedTest(name = "{0}/pom.xml declares only allowed FastGPU modules")
    @MethodSource("constrainedModules")
    void poms_respect_the_module_graph(String module) throws IOException {
        assertThat(fastgpuDependencies(module)).isSubsetOf(ALLOWED.get(module));
    }

    @Test
    void model_and_scheduler_have_no_runtime_dependencies_beyond_fastgpu() throws IOException {
        for (String module : List.of("model", "scheduler")) {
            assertThat(runtimeThirdPartyDependencies(module))
                    .as("third-party runtime dependencies of " + module)
                    .isEmpty();
        }
    }

    @Test
    void scheduler_core_reads_no_wall_clock_and_uses_no_unseeded_randomness() {
        noClasses().that().resideInAPackage("dev.fastgpu.scheduler..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Math.class, "random")
                .orShould().callConstructor(java.util.Random.class)
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.LocalDateTime")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.SecureRandom")
                .because("the core must give the same plan for the same input (STYLE.md rule 1)")
                .check(classes);
    }

    @Test
    void scheduler_core_does_no_io_jdbc_http_threads_or_logging() {
        noClasses().that().resideInAPackage("dev.fastgpu.scheduler..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.io..", "java.nio.file..", "java.nio.channels..", "java.net..", "java.sql..",
                        "javax.sql..", "java.util.logging..", "org.slf4j..", "org.apache.logging..",
                        "java.util.concurrent..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("the scheduler is a pure library: snapshot in, plan out (DESIGN.md)")
                .check(classes);
    }

    @Test
    void the_rules_catch_a_violation() {
        // Guards against a vacuous rule: the checks above must see the scheduler's classes.
        assertThat(classes.containPackage("dev.fastgpu.scheduler")).isTrue();
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("dev.fastgpu.scheduler")).count())
                .isGreaterThan(5);
    }

    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);

    private static Path pom(String module) {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("testkit")) ? here : here.getParent();
        return root.resolve(module).resolve("pom.xml");
    }

    private static Set<String> fastgpuDependencies(String module) throws IOException {
        Set<String> result = new TreeSet<>();
        Matcher m = DEPENDENCY.matcher(Files.readString(pom(module)));
        while (m.find()) {
            if (m.group(1).equals("dev.fastgpu")) result.add(m.group(2).replaceFirst("^fastgpu-", ""));
        }
        return result;
    }

    private static Set<String> runtimeThirdPartyDependencies(String module) throws IOException {
        Set<String> result = new TreeSet<>();
        Matcher m = DEPENDENCY.matcher(Files.readString(pom(module)));
        while (m.find()) {
            boolean testScope = m.group(3).contains("<scope>test</scope>");
            if (!m.group(1).equals("dev.fastgpu") && !testScope) result.add(m.group(1) + ":" + m.group(2));
        }
        return result;
    }
}
