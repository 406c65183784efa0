package io.ckafkamigrator.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes call the Java side only through the bean names the wiring binds. */
class BeanNamesTest {

    private static final Pattern REF = Pattern.compile("ref:\\s*([A-Za-z0-9_-]+)");

    @Test
    void shouldBindEveryBeanTheRoutesReferTo() throws IOException {
        // Given
        Set<String> refs = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Matcher m = REF.matcher(Files.readString(file));
                while (m.find()) {
                    refs.add(m.group(1));
                }
            }
        }

        // When
        Set<String> unbound = new TreeSet<>(refs);
        unbound.removeAll(BeanNames.ALL);

        // Then
        assertThat(refs).hasSizeGreaterThan(5);
        assertThat(unbound).isEmpty();
    }
}
