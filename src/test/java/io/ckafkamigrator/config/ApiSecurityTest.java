package io.ckafkamigrator.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        ApiSecurity security = read(false);

        assertThat(security.authenticated()).isTrue();
        assertThat(security.usersFile()).contains(users);
        assertThat(security.demoUser()).isFalse();
    }

    @Test
    void shouldRefuseToStartWithAuthenticationOffUnlessExplicitlyAllowed() {
        props.put("camel.server.authentication-enabled", "false");

        assertThatThrownBy(() -> read(false)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("camel.server.authentication-enabled: must be true")
                .hasMessageContaining(ApiSecurity.ALLOW_UNAUTHENTICATED);

        props.put(ApiSecurity.ALLOW_UNAUTHENTICATED, "true");
        assertThat(read(false).authenticated()).isFalse();
    }

    @Test
    void shouldRefuseAnAuthenticationPathThatLeavesIngestOpen() {
        props.put("camel.server.authentication-path", "/api/*");

        assertThatThrownBy(() -> read(false)).hasMessageStartingWith("camel.server.authentication-path:")
                .hasMessageContaining("/api/*");
    }

    @Test
    void shouldRefuseProbesOnTheAuthenticatedPort() {
        props.put("camel.management.port", "8080");

        assertThatThrownBy(() -> read(false)).hasMessageStartingWith("camel.management.port: must differ");
    }

    @Test
    void shouldRefuseAMissingUsersFileWithoutPrintingItsContent() {
        props.put("camel.server.basic-properties-file", dir.resolve("missing.properties").toString());

        assertThatThrownBy(() -> read(false)).hasMessageStartingWith("camel.server.basic-properties-file: cannot read");
    }

    @Test
    void shouldRefuseAUsersFileWithoutUsers() throws Exception {
        Files.writeString(users, "role.operator=*\n");

        assertThatThrownBy(() -> read(false)).hasMessageContaining("defines no user");
    }

    @Test
    void shouldAcceptTheDemoUserOnlyWithTheEmbeddedClusters() throws Exception {
        Files.writeString(users, "user.demo=demo,operator\n");

        assertThat(read(true).demoUser()).isTrue();
        assertThatThrownBy(() -> read(false)).hasMessageContaining("demo user")
                .hasMessageNotContaining("demo,operator");
    }

    @Test
    void shouldAcceptTheShippedConfigurationOnTheEmbeddedClusters() throws Exception {
        Map<String, String> shipped = new HashMap<>();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            p.stringPropertyNames().forEach(k -> shipped.put(k, p.getProperty(k)));
        }

        ApiSecurity security = ApiSecurity.from(PropertySource.of(shipped), true);

        assertThat(security.authenticated()).isTrue();
        assertThat(security.demoUser()).isTrue();
    }
}
