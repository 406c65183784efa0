package io.ckafkamigrator.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ApiSecurityTest {

    @TempDir
    Path dir;
    private final Map<String, String> props = new HashMap<>();
    private Path users;

    @BeforeEach
    void protectedApi() throws Exception {
        users = Files.writeString(dir.resolve("users.properties"), "user.alice=s3cret-A,operator\nrole.operator=*\n");
        props.put("camel.server.authentication-enabled", "true");
        props.put("camel.server.authentication-path", "/*");
        props.put("camel.server.basic-properties-file", users.toString());
        props.put("camel.server.port", "8080");
        props.put("camel.management.port", "9876");
    }

    private ApiSecurity read(boolean embedded) {
        return ApiSecurity.from(PropertySource.of(props), embedded);
    }

    @Test
    void shouldAcceptBasicAuthOnEveryApiPathWithOwnUsers() {
        // Given
        // the protected API set up above, with a users file of its own

        // When
        ApiSecurity security = read(false);

        // Then
        assertThat(security.authenticated()).isTrue();
        assertThat(security.usersFile()).contains(users);
        assertThat(security.demoUser()).isFalse();
    }

    @Test
    void shouldRefuseToStartWithAuthenticationOff() {
        // Given
        props.put("camel.server.authentication-enabled", "false");

        // When
        Throwable thrown = catchThrowable(() -> read(false));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("camel.server.authentication-enabled: must be true")
                .hasMessageContaining(ApiSecurity.ALLOW_UNAUTHENTICATED);
    }

    @Test
    void shouldStartWithAuthenticationOffWhenExplicitlyAllowed() {
        // Given
        props.put("camel.server.authentication-enabled", "false");
        props.put(ApiSecurity.ALLOW_UNAUTHENTICATED, "true");

        // When
        ApiSecurity security = read(false);

        // Then
        assertThat(security.authenticated()).isFalse();
    }

    @Test
    void shouldRefuseAnAuthenticationPathThatLeavesIngestOpen() {
        // Given
        props.put("camel.server.authentication-path", "/api/*");

        // When
        Throwable thrown = catchThrowable(() -> read(false));

        // Then
        assertThat(thrown).hasMessageStartingWith("camel.server.authentication-path:").hasMessageContaining("/api/*");
    }

    @Test
    void shouldRefuseProbesOnTheAuthenticatedPort() {
        // Given
        props.put("camel.management.port", "8080");

        // When
        Throwable thrown = catchThrowable(() -> read(false));

        // Then
        assertThat(thrown).hasMessageStartingWith("camel.management.port: must differ");
    }

    @Test
    void shouldRefuseAMissingUsersFileWithoutPrintingItsContent() {
        // Given
        props.put("camel.server.basic-properties-file", dir.resolve("missing.properties").toString());

        // When
        Throwable thrown = catchThrowable(() -> read(false));

        // Then
        assertThat(thrown).hasMessageStartingWith("camel.server.basic-properties-file: cannot read");
    }

    @Test
    void shouldRefuseAUsersFileWithoutUsers() throws Exception {
        // Given
        Files.writeString(users, "role.operator=*\n");

        // When
        Throwable thrown = catchThrowable(() -> read(false));

        // Then
        assertThat(thrown).hasMessageContaining("defines no user");
    }

    @Test
    void shouldAcceptTheDemoUserWithTheEmbeddedClusters() throws Exception {
        // Given
        Files.writeString(users, "user.demo=demo,operator\n");

        // When
        ApiSecurity security = read(true);

        // Then
        assertThat(security.demoUser()).isTrue();
    }

    @Test
    void shouldRefuseTheDemoUserWithClustersOfItsOwnWithoutPrintingTheUsersFile() throws Exception {
        // Given
        Files.writeString(users, "user.demo=demo,operator\n");

        // When
        Throwable thrown = catchThrowable(() -> read(false));

        // Then
        assertThat(thrown).hasMessageContaining("demo user").hasMessageNotContaining("demo,operator");
    }

    @Test
    void shouldAcceptTheShippedConfigurationOnTheEmbeddedClusters() throws Exception {
        // Given
        Map<String, String> shipped = new HashMap<>();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            Properties p = new Properties();
            p.load(in);
            p.stringPropertyNames().forEach(k -> shipped.put(k, p.getProperty(k)));
        }

        // When
        ApiSecurity security = ApiSecurity.from(PropertySource.of(shipped), true);

        // Then
        assertThat(security.authenticated()).isTrue();
        assertThat(security.demoUser()).isTrue();
    }
}
