package io.ckafkamigrator.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Features;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka cluster inside this JVM, listening on loopback, with its data in a
 * temporary directory that {@link #close()} deletes. Used for the embedded default (so the
 * migrator runs with no Kafka installed) and by the integration tests; never for real data.
 *
 * <p>Lifecycle: {@link #start} returns once the broker accepts clients; {@link #close} stops it
 * and removes its files. Not thread-safe; one owner starts and closes it.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
    private static final int NODE_ID = 1;

    private static final String BROKER_USER = "broker";

    private final String name;
    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;
    private final KafkaConfig config;
    private final Path dataDir;
    // Replaced by restartBroker(); null while the broker is stopped.
    private KafkaRaftServer server;

    private EmbeddedKafkaCluster(String name, String bootstrapServers, Map<String, Object> clientProperties,
                                 KafkaConfig config, KafkaRaftServer server, Path dataDir) {
        this.name = name;
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        this.config = config;
        this.server = server;
        this.dataDir = dataDir;
    }

    /**
     * Formats a fresh data directory and starts a combined broker+controller.
     *
     * @param port            the client port on 127.0.0.1, or 0 for a free one
     * @param brokerOverrides broker settings that replace the defaults (for example
     *                        {@code group.initial.rebalance.delay.ms})
     */
    public static EmbeddedKafkaCluster start(String name, int port, Map<String, String> brokerOverrides) {
        return start(name, port, brokerOverrides, Map.of());
    }

    /** Below this much free memory-backed space the data stays in the temporary directory. */
    private static final long MIN_FREE_MEMORY_FS_BYTES = 2L << 30;

    /**
     * Where the throw-away data lives: in memory ({@code /dev/shm}) where the machine has one
     * with room to spare, else the temporary directory. A broker creates a partition's log with
     * several synchronous disk flushes, ~30 ms each on a virtual disk: a hundred topics of three
     * partitions took ten seconds to create before the first group could commit. A flush in memory
     * costs nothing, and nothing here has to survive the process.
     */
    private static Path dataRoot() throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm) && Files.getFileStore(shm).getUsableSpace() >= MIN_FREE_MEMORY_FS_BYTES) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Like {@link #start(String, int, Map)}, but clients must authenticate with SASL/PLAIN as one
     * of {@code saslUsers} (name to password), the way CKafka's public access works. An empty
     * map means a PLAINTEXT listener.
     */
    public static EmbeddedKafkaCluster start(String name, int port, Map<String, String> brokerOverrides,
                                             Map<String, String> saslUsers) {
        int clientPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory(dataRoot(), "ckafka-migrator-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the embedded " + name + " cluster", e);
        }
        Properties props = brokerProperties(clientPort, controllerPort, dataDir);
        String brokerPassword = Uuid.randomUuid().toString();
        if (!saslUsers.isEmpty()) {
            enableSaslPlain(props, clientPort, brokerPassword, saslUsers);
        }
        props.putAll(brokerOverrides);
        KafkaConfig config = new KafkaConfig(props, false);
        format(dataDir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + clientPort;
        Map<String, Object> client = new java.util.HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        if (!saslUsers.isEmpty()) {
            client.put("security.protocol", "SASL_PLAINTEXT");
            client.put("sasl.mechanism", "PLAIN");
            client.put("sasl.jaas.config", plainLogin(BROKER_USER, brokerPassword, Map.of()));
        }
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(name, bootstrap, client, config, server, dataDir);
        cluster.awaitReady();
        LOG.info("Embedded throw-away Kafka cluster started: cluster={} bootstrapServers={} dataDir={}",
                name, bootstrap, dataDir);
        return cluster;
    }

    private static Properties brokerProperties(int clientPort, int controllerPort, Path dataDir) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("auto.create.topics.enable", "false");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        return props;
    }

    private static void enableSaslPlain(Properties props, int clientPort, String brokerPassword,
                                        Map<String, String> users) {
        props.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + clientPort + "," + props.get("listeners").toString()
                .replaceFirst("^PLAINTEXT://[^,]+,", ""));
        props.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        props.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("sasl.enabled.mechanisms", "PLAIN");
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        Map<String, String> accounts = new java.util.HashMap<>(users);
        accounts.put(BROKER_USER, brokerPassword);
        props.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", plainLogin(BROKER_USER, brokerPassword, accounts));
    }

    private static String plainLogin(String user, String password, Map<String, String> accounts) {
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required")
                .append(" username=\"").append(user).append("\" password=\"").append(password).append('"');
        accounts.forEach((u, p) -> jaas.append(" user_").append(u).append("=\"").append(p).append('"'));
        return jaas.append(';').toString();
    }

    private static void format(Path dataDir) {
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setSupportedFeatures(Features.PRODUCTION_FEATURES)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName("CONTROLLER")
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the embedded cluster's data directory " + dataDir, e);
        }
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("embedded " + name + " cluster did not become ready", e);
        }
    }

    public String name() {
        return name;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client settings that reach this cluster, as its own superuser when SASL is on. */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /** An admin client for this cluster; the caller closes it. */
    public Admin admin() {
        Map<String, Object> props = new java.util.HashMap<>(clientProperties);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        // A loopback broker answers in a millisecond: a coordinator still loading is asked again
        // soon, not after the client's default backoff of up to a second.
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        props.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 100);
        return Admin.create(props);
    }

    /**
     * Creates the topics that do not exist yet, all in one request; existing ones are left as
     * they are.
     */
    public void createTopics(Set<String> topics, int partitions) {
        try (Admin admin = admin()) {
            Map<String, org.apache.kafka.common.KafkaFuture<Void>> created = admin.createTopics(topics.stream()
                    .map(topic -> new NewTopic(topic, partitions, (short) 1)).toList()).values();
            for (String topic : new java.util.TreeSet<>(topics)) {
                try {
                    created.get(topic).get(30, TimeUnit.SECONDS);
                    LOG.info("Embedded cluster={} created topic={} partitions={}", name, topic, partitions);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + " on embedded " + name, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics on embedded " + name, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics on embedded " + name, e);
        }
    }

    /** Commits offset 0 for {@code group} on every partition of {@code topic}: where a new topic's log starts. */
    public void commitAtLogStart(String group, String topic) {
        commitAtLogStart(Map.of(topic, group));
    }

    /**
     * Commits offset 0 for each group ({@code groupByTopic}: topic to group) on every partition
     * of its topic, every group's commit sent at once.
     */
    public void commitAtLogStart(Map<String, String> groupByTopic) {
        try (Admin admin = admin()) {
            Map<String, org.apache.kafka.clients.admin.TopicDescription> described =
                    admin.describeTopics(groupByTopic.keySet()).allTopicNames().get(30, TimeUnit.SECONDS);
            List<org.apache.kafka.common.KafkaFuture<Void>> commits = new java.util.ArrayList<>();
            boolean[] first = {true};
            groupByTopic.forEach((topic, group) -> {
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets =
                        new java.util.HashMap<>();
                described.get(topic).partitions().forEach(p -> offsets.put(
                        new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                        new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)));
                org.apache.kafka.common.KafkaFuture<Void> commit = admin.alterConsumerGroupOffsets(group, offsets).all();
                if (first[0]) {
                    // The first commit creates the offsets topic; the others would all wait for it, retrying.
                    first[0] = false;
                    awaitQuietly(commit);
                }
                commits.add(commit);
            });
            org.apache.kafka.common.KafkaFuture.allOf(commits.toArray(new org.apache.kafka.common.KafkaFuture[0]))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot commit offsets of groups " + groupByTopic.values() + " on embedded "
                    + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing offsets on embedded " + name, e);
        }
    }

    /** Waits for {@code future}; its failure is reported with the others' by the caller. */
    private static void awaitQuietly(org.apache.kafka.common.KafkaFuture<Void> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            // reported below, where all commits are awaited
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the broker but keeps its data, as an outage would: clients lose it until
     * {@link #restartBroker()}. Does nothing if it is stopped already.
     */
    public void stopBroker() {
        if (shutDownServer()) {
            LOG.info("Embedded Kafka broker stopped, data kept: cluster={} bootstrapServers={}", name, bootstrapServers);
        }
    }

    private boolean shutDownServer() {
        if (server == null) {
            return false;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        return true;
    }

    /** Starts the broker stopped by {@link #stopBroker()} again, on the same port with the same data. */
    public void restartBroker() {
        if (server == null) {
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            awaitReady();
            LOG.info("Embedded Kafka broker restarted: cluster={} bootstrapServers={}", name, bootstrapServers);
        }
    }

    @Override
    public void close() {
        try {
            shutDownServer();
        } finally {
            deleteQuietly(dataDir);
            LOG.info("Embedded Kafka cluster stopped: cluster={}", name);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete embedded cluster data {}: {}", dir, e.toString());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
