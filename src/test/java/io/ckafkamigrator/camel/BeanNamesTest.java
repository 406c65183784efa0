package io.ckafkamigrator.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ckafkamigrator.core.AuditTrail;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The routes call the Java side only through beans the wiring binds, under names listed in BeanNames. */
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

        CamelContext context = new DefaultCamelContext();

        // When
        MigratorBeans.bind(context, java.time.Duration.ofHours(1)).bindAudit(AuditTrail.NONE, Clock.systemUTC());
        Set<String> unbound = new TreeSet<>();
        for (String ref : refs) {
            if (context.getRegistry().lookupByName(ref) == null) {
                unbound.add(ref);
            }
        }

        // Then
        assertThat(refs).hasSizeGreaterThan(5);
        assertThat(unbound).isEmpty();
        assertThat(BeanNames.ALL).containsAll(refs);
    }
}
