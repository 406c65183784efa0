package io.ckafkamigrator.camel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"/topics/orders", "/api/migrations", "/api/migrations/orders.v2_x-1/cutover",
            "/api/migrations/orders/history"})
    void shouldLetValidPathsThrough(String path) {
        // Given
        // a path the API serves, from the source above

        // When
        String problem = RequestGuard.problem(path);

        // Then
        assertThat(problem).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/migrations/../../topics/orders", "/topics/./orders", "/topics/orders/..",
            "/topics/orders%2Fx", "/api/migrations/orders/switch-producer/", "/topics/%2e%2e/orders", "/topics//orders", "/topics/or\\ders",
            "/topics/ordérs", "/topics/or ders", "/topics/or\u0000ders"})
    void shouldRefusePathTricks(String path) {
        // Given
        // a path that tries to reach another resource or smuggle a character, from the source above

        // When
        String problem = RequestGuard.problem(path);

        // Then
        assertThat(problem).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 5000})
    void shouldRefusePathsLongerThanAnyValidOne(int length) {
        // Given
        String path = "/topics/" + "a".repeat(length);

        // When
        String problem = RequestGuard.problem(path);

        // Then
        assertThat(problem).contains("longer");
    }
}
