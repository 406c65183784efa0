package io.ckafkamigrator.core;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One properties file per topic, {@code <dir>/<topic>.state}. A save writes a temporary file,
 * forces it to disk, renames it over the old one atomically and forces the directory, so a
 * crash leaves either the old state or the new one.
 */
public final class FileStateStore implements StateStore {

    private static final String VERSION = "1";

    private final Path dir;

    public FileStateStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StateStoreException("cannot create the state directory " + dir.toAbsolutePath(), e);
        }
    }

    public Path file(String topic) {
        return dir.resolve(topic + ".state");
    }

    @Override
    public Optional<MigrationState> load(String topic) {
        Path file = file(topic);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Properties props = new Properties();
            props.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return Optional.of(parse(topic, props));
        } catch (IOException | RuntimeException e) {
            throw new StateStoreException("cannot read migration state " + file.toAbsolutePath() + ": " + e.getMessage()
                    + " (fix or restore the file; it is never reset on its own)", e);
        }
    }

    private static MigrationState parse(String topic, Properties props) {
        if (!VERSION.equals(props.getProperty("version"))) {
            throw new IllegalArgumentException("unknown version '" + props.getProperty("version") + "'");
        }
        if (!topic.equals(props.getProperty("topic"))) {
            throw new IllegalArgumentException("it belongs to topic '" + props.getProperty("topic") + "'");
        }
        Phase phase = Phase.valueOf(required(props, "phase"));
        Map<Phase, Instant> transitions = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            String at = props.getProperty("transition." + p);
            if (at != null) {
                transitions.put(p, Instant.parse(at));
            }
        }
        return new MigrationState(topic, phase, offsets(props, "drain-target."), offsets(props, "ckafka-start."),
                transitions, optionalLong(props, "handoff-pause-ms"), optionalLong(props, "delivery-gap-ms"),
                Optional.ofNullable(props.getProperty("last-error")), shape(props), hooksDone(props));
    }

    /** The {@code shape.*} keys; a state saved before shapes were kept has none. */
    private static Optional<TopicShape> shape(Properties props) {
        Map<String, String> parameters = new java.util.HashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("shape.")) {
                parameters.put(key.substring("shape.".length()), props.getProperty(key));
            }
        }
        return TopicShape.fromParameters(parameters);
    }

    /** The hook calls made, comma-separated; a state saved before hooks were kept has none. */
    private static java.util.Set<String> hooksDone(Properties props) {
        String done = props.getProperty("hooks-done", "");
        // A set from a list: a key written twice (a hand-edited file) is one key, not a refused start.
        return done.isEmpty() ? java.util.Set.of() : new java.util.TreeSet<>(java.util.Arrays.asList(done.split(",")));
    }

    private static Optional<Long> optionalLong(Properties props, String key) {
        return Optional.ofNullable(props.getProperty(key)).map(Long::parseLong);
    }

    private static String required(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value;
    }

    private static Map<Integer, Long> offsets(Properties props, String prefix) {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                offsets.put(Integer.parseInt(key.substring(prefix.length())), Long.parseLong(props.getProperty(key)));
            }
        }
        return offsets;
    }

    @Override
    public void save(MigrationState state) {
        Path file = file(state.topic());
        Path temp = dir.resolve(state.topic() + ".state.tmp");
        try {
            byte[] bytes = format(state).getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot write migration state " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static String format(MigrationState state) throws IOException {
        Properties props = new Properties();
        props.setProperty("version", VERSION);
        props.setProperty("topic", state.topic());
        props.setProperty("phase", state.phase().name());
        state.transitions().forEach((p, at) -> props.setProperty("transition." + p, at.toString()));
        state.drainTarget().forEach((p, o) -> props.setProperty("drain-target." + p, o.toString()));
        state.ckafkaStartOffsets().forEach((p, o) -> props.setProperty("ckafka-start." + p, o.toString()));
        state.handoffPauseMs().ifPresent(ms -> props.setProperty("handoff-pause-ms", ms.toString()));
        state.deliveryGapMs().ifPresent(ms -> props.setProperty("delivery-gap-ms", ms.toString()));
        state.lastError().ifPresent(e -> props.setProperty("last-error", e));
        state.shape().ifPresent(shape -> shape.parameters().forEach((k, v) -> props.setProperty("shape." + k, v)));
        if (!state.hooksDone().isEmpty()) {
            props.setProperty("hooks-done", String.join(",", state.hooksDone()));
        }
        StringWriter out = new StringWriter();
        props.store(out, "ckafka-migrator state of topic " + state.topic() + "; written by the app, do not edit while it runs");
        return out.toString();
    }
}
