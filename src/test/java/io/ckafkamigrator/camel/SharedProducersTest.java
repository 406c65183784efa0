package io.ckafkamigrator.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The producer routes of every topic share one client per cluster and settings. */
class SharedProducersTest {

    private final List<MockProducer<byte[], byte[]>> made = new ArrayList<>();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final SharedProducers producers = new SharedProducers(props -> {
        MockProducer<byte[], byte[]> client = new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());
        made.add(client);
        return (Producer) client;
    });

    private static Properties cluster(String bootstrap) {
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", bootstrap);
        props.setProperty("acks", "all");
        return props;
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGiveEveryTopicOfAClusterTheSameClient() {
        // Given two topics' routes on the same cluster with the same settings
        Producer<Object, Object> orders = producers.getProducer(cluster("legacy:9092"));
        Producer<Object, Object> payments = producers.getProducer(cluster("legacy:9092"));

        // When both send
        orders.send(new ProducerRecord<>("orders", "a".getBytes()));
        payments.send(new ProducerRecord<>("payments", "b".getBytes()));

        // Then one client carried both records
        assertThat(made).hasSize(1);
        assertThat(made.get(0).history()).extracting(ProducerRecord::topic).containsExactly("orders", "payments");
    }

    @Test
    void shouldKeepTheClientOpenUntilTheLastRouteLetsGo() {
        // Given two routes' handles on one client
        Producer<?, ?> orders = producers.getProducer(cluster("legacy:9092"));
        Producer<?, ?> payments = producers.getProducer(cluster("legacy:9092"));

        // When one route stops, twice over
        orders.close();
        orders.close();

        // Then the client is still open until the other stops too
        assertThat(made.get(0).closed()).isFalse();
        payments.close();
        assertThat(made.get(0).closed()).isTrue();
        assertThat(producers.clients()).isZero();
    }

    @Test
    void shouldGiveAnotherClusterOrOtherSettingsAClientOfTheirOwn() {
        // Given routes on two clusters, and one with other settings
        producers.getProducer(cluster("legacy:9092"));
        producers.getProducer(cluster("ckafka:9092"));
        Properties other = cluster("legacy:9092");
        other.setProperty("linger.ms", "5");

        // When the third asks for its client
        producers.getProducer(other);

        // Then each got its own
        assertThat(made).hasSize(3);
    }

    @Test
    void shouldMakeANewClientForARouteStartedAfterTheLastOneStopped() {
        // Given a client whose only route stopped
        producers.getProducer(cluster("legacy:9092")).close();

        // When a route starts again
        producers.getProducer(cluster("legacy:9092"));

        // Then it gets a new, open client
        assertThat(made).hasSize(2);
        assertThat(made.get(1).closed()).isFalse();
    }

    @Test
    void shouldRefuseTransactionsOnASharedClient() {
        Producer<?, ?> orders = producers.getProducer(cluster("legacy:9092"));
        assertThatThrownBy(orders::initTransactions).isInstanceOf(UnsupportedOperationException.class);
    }
}
