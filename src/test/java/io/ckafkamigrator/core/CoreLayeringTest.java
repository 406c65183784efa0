package io.ckafkamigrator.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The core depends on the JDK and SLF4J only; Camel, Kafka and the adapters depend on it, never the reverse. */
class CoreLayeringTest {

    private static final Path CORE_SOURCES = Path.of("src/main/java/io/ckafkamigrator/core");

    private static List<Path> coreSources() throws IOException {
        try (Stream<Path> files = Files.walk(CORE_SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> violations(Path file) {
        try {
            return CoreLayeringRule.violations(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldKeepEveryCoreSourceFreeOfFrameworksAndAdapters() throws Exception {
        // Given
        List<Path> sources = coreSources();

        // When
        List<String> violations = sources.stream().flatMap(f -> violations(f).stream()).toList();

        // Then
        assertThat(sources).isNotEmpty();
        assertThat(violations).isEmpty();
    }

    @Test
    void shouldNameTheFileLineAndImportOfAFrameworkClass() {
        // Given
        String source = "package io.ckafkamigrator.core;\n\nimport org.apache.camel.Exchange;\n";

        // When
        List<String> violations = CoreLayeringRule.violations("Bad.java", source);

        // Then
        assertThat(violations).containsExactly("Bad.java:3 imports org.apache.camel.Exchange");
    }

    @Test
    void shouldRefuseAStaticImportFromOutsideTheJdk() {
        // Given
        String source = "import static org.apache.kafka.common.utils.Utils.closeQuietly;\n";

        // When
        List<String> violations = CoreLayeringRule.violations("Bad.java", source);

        // Then
        assertThat(violations).containsExactly("Bad.java:1 imports org.apache.kafka.common.utils.Utils.closeQuietly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.ckafkamigrator.config.ConfigException", "io.ckafkamigrator.camel.*",
            "io.ckafkamigrator.kafka.ClusterFailure", "io.ckafkamigrator.MigratorOptions", "io.ckafkamigrator.corex.Phase",
            "javax.annotation.Nonnull", "com.fasterxml.jackson.databind.ObjectMapper"})
    void shouldRefuseAnImportOfTheAdaptersOrAnyOtherLibrary(String imported) {
        // Given
        String source = "package io.ckafkamigrator.core;\nimport " + imported + ";\n";

        // When
        List<String> violations = CoreLayeringRule.violations("Bad.java", source);

        // Then
        assertThat(violations).containsExactly("Bad.java:2 imports " + imported);
    }

    @Test
    void shouldRefuseAQualifiedNameWrittenInTheCode() {
        // Given
        String source = "class Bad {\n    Object admin = org.apache.kafka.clients.admin.Admin.create(props);\n"
                + "    @io.ckafkamigrator.camel.Exposed void run() { }\n}\n";

        // When
        List<String> violations = CoreLayeringRule.violations("Bad.java", source);

        // Then
        assertThat(violations).containsExactly("Bad.java:2 refers to org.apache.kafka.clients.admin.Admin",
                "Bad.java:3 refers to io.ckafkamigrator.camel.Exposed");
    }

    @Test
    void shouldAllowTheJdkSlf4jAndTheCoreItself() {
        // Given
        String source = """
                package io.ckafkamigrator.core;

                import java.util.Map;
                import java.util.concurrent.*;
                import static java.util.Objects.requireNonNull;
                import org.slf4j.Logger;
                import io.ckafkamigrator.core.Phase;

                class Good {
                    Map<Integer, Long> sorted = new java.util.TreeMap<>();
                    Object phase = io.ckafkamigrator.core.Phase.LEGACY;
                    Logger log = org.slf4j.LoggerFactory.getLogger(Good.class);
                }
                """;

        // When
        List<String> violations = CoreLayeringRule.violations("Good.java", source);

        // Then
        assertThat(violations).isEmpty();
    }

    @Test
    void shouldIgnoreNamesInCommentsAndStrings() {
        // Given
        String source = """
                /** Unlike {@link org.apache.camel.Exchange}, a plain value. */
                class Good {
                    // org.apache.kafka.clients.admin.Admin reads the offsets in the adapter
                    String module = "org.apache.kafka.common.security.plain.PlainLoginModule required";
                    /* import org.apache.camel.Route; */
                    char quote = '"';
                    String afterQuote = "com.example.Thing";
                }
                """;

        // When
        List<String> violations = CoreLayeringRule.violations("Good.java", source);

        // Then
        assertThat(violations).isEmpty();
    }
}
