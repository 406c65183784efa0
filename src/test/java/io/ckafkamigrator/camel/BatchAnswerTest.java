package io.ckafkamigrator.camel;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch's answer: its status says whether every topic succeeded; its body, each topic's result. */
class BatchAnswerTest {

    private static final String WRONG_PHASE = "{\"error\":\"wrong_phase\",\"message\":\"topic 'b' is in phase LEGACY\"}";

    @Test
    void shouldAnswer200WhenEveryTopicAnswered200() {
        // Given
        List<TopicResult> results = List.of(new TopicResult("a", 200, "MIGRATED", null),
                new TopicResult("b", 200, "MIGRATED", null));

        // When
        int status = BatchAnswer.status(results);

        // Then
        assertThat(status).isEqualTo(200);
    }

    @Test
    void shouldAnswer202WhenEveryTopicWasAcceptedAndSomeStillCutOver() {
        // Given
        List<TopicResult> results = List.of(new TopicResult("a", 200, "MIGRATED", null),
                new TopicResult("b", 202, "CUTTING_OVER", null));

        // When
        int status = BatchAnswer.status(results);

        // Then
        assertThat(status).isEqualTo(202);
    }

    @Test
    void shouldAnswer207WhenSomeTopicWasRefused() {
        // Given
        List<TopicResult> results = List.of(new TopicResult("a", 202, "CUTTING_OVER", null),
                new TopicResult("b", 409, "LEGACY", WRONG_PHASE));

        // When
        int status = BatchAnswer.status(results);

        // Then
        assertThat(status).isEqualTo(207);
    }

    @Test
    void shouldWriteEachTopicsResultInOrderWithTheErrorObjectAsTheSingleRequestGivesIt() {
        // Given
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        List<TopicResult> results = List.of(new TopicResult("a", 200, "DRAINING", null),
                new TopicResult("b", 409, "LEGACY", WRONG_PHASE), new TopicResult("c", 404, null,
                        "{\"error\":\"unknown_topic\",\"message\":\"no topic 'c' is configured\"}"));

        // When
        BatchAnswer.write(exchange, results);

        // Then
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(207);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"results\":["
                + "{\"topic\":\"a\",\"status\":200,\"phase\":\"DRAINING\",\"error\":null},"
                + "{\"topic\":\"b\",\"status\":409,\"phase\":\"LEGACY\",\"error\":" + WRONG_PHASE + "},"
                + "{\"topic\":\"c\",\"status\":404,\"phase\":null,"
                + "\"error\":{\"error\":\"unknown_topic\",\"message\":\"no topic 'c' is configured\"}}]}");
    }
}
