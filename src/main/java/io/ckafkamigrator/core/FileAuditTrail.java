package io.ckafkamigrator.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as a JSON-lines file ({@code audit.jsonl} beside the topics' state files),
 * each event also logged as one line by the {@code ckafka-migrator.audit} logger. Every line is
 * forced to disk before {@link #record} returns, like the state it describes. Appends are
 * serialised by this object's monitor; one app instance owns the file.
 */
public final class FileAuditTrail implements AuditTrail {

    public static final String FILE_NAME = "audit.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger("ckafka-migrator.audit");

    private final Path file;

    public FileAuditTrail(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void record(AuditEvent event) {
        String line = event.toJson();
        LOG.info("{}", line);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            LOG.error("Audit line NOT written to {}: {} ({})", file, line, e.toString());
        }
    }

    @Override
    public synchronized List<String> history(String topic) {
        if (!Files.exists(file)) {
            return List.of();
        }
        String prefix = AuditEvent.linePrefix(topic);
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.startsWith(prefix)).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new StateStoreException("cannot read the audit trail " + file + ": " + e.getMessage(), e);
        }
    }
}
