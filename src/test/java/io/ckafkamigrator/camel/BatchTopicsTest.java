package io.ckafkamigrator.camel;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The topics of a batch request: a list of names or *, anything malformed refused before any topic is touched. */
class BatchTopicsTest {

    private static final List<String> CONFIGURED = List.of("orders", "payments", "invoices");

    private static HttpProblem refusal(Object header) {
        return catchThrowableOfType(HttpProblem.class, () -> BatchTopics.parse(header, () -> CONFIGURED));
    }

    @Test
    void shouldTakeTheNamesInTheOrderGiven() {
        // Given
        String header = "payments,orders";

        // When
        List<String> topics = BatchTopics.parse(header, () -> CONFIGURED);

        // Then
        assertThat(topics).containsExactly("payments", "orders");
    }

    @Test
    void shouldTakeEveryConfiguredTopicForTheStar() {
        // Given
        String header = "*";

        // When
        List<String> topics = BatchTopics.parse(header, () -> CONFIGURED);

        // Then
        assertThat(topics).containsExactly("orders", "payments", "invoices");
    }

    @Test
    void shouldKeepANameNoFileDefinesForItsOwn404() {
        // Given
        String header = "orders,no-such-topic";

        // When
        List<String> topics = BatchTopics.parse(header, () -> CONFIGURED);

        // Then
        assertThat(topics).containsExactly("orders", "no-such-topic");
    }

    @Test
    void shouldJoinARepeatedParameterAsIfCommaSeparated() {
        // Given
        List<String> repeated = List.of("orders", "payments,invoices");

        // When
        List<String> topics = BatchTopics.parse(repeated, () -> CONFIGURED);

        // Then
        assertThat(topics).containsExactly("orders", "payments", "invoices");
    }

    @Test
    void shouldRefuseAMissingParameter() {
        // Given
        Object header = null;

        // When
        HttpProblem problem = refusal(header);

        // Then
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("bad_parameter");
        assertThat(problem.getMessage()).contains("topics is required");
    }

    @Test
    void shouldRefuseAnEmptyListOrAnEmptyName() {
        // Given
        List<String> headers = List.of("", "orders,", ",orders", "orders,,payments");

        // When
        List<HttpProblem> problems = headers.stream().map(BatchTopicsTest::refusal).toList();

        // Then
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.code()).isEqualTo("bad_parameter");
            assertThat(p.getMessage()).contains("empty name");
        });
    }

    @Test
    void shouldRefuseANameNoTopicCanHaveNamingIt() {
        // Given
        String header = "orders,pay ments";

        // When
        HttpProblem problem = refusal(header);

        // Then
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).startsWith("'pay ments' in topics is not a topic name");
    }

    @Test
    void shouldRefuseATopicNamedTwice() {
        // Given
        String header = "orders,payments,orders";

        // When
        HttpProblem problem = refusal(header);

        // Then
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).isEqualTo("topics names 'orders' more than once");
    }

    @Test
    void shouldRefuseTheStarBesideNames() {
        // Given
        String header = "*,orders";

        // When
        HttpProblem problem = refusal(header);

        // Then
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).contains("goes alone");
    }

    @Test
    void shouldCutALongBadNameShortInTheMessage() {
        // Given
        String header = "x".repeat(300);

        // When
        HttpProblem problem = refusal(header);

        // Then
        assertThat(problem.getMessage()).hasSizeLessThan(200).contains("...'");
    }
}
