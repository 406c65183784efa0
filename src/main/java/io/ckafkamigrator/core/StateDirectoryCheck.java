package io.ckafkamigrator.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Whether the state store can still save: the directory exists and a small file can be
 * written to disk and removed there. A failed save stops a topic's migration, so the operator
 * should learn about a missing directory, lost permissions or a full disk before a transition
 * needs it. The probe file is written the way a state save is (forced to disk), so a full disk
 * shows up here too.
 */
public final class StateDirectoryCheck {

    static final String PROBE_FILE = ".health-probe";

    private final Path dir;
    private final String probeFile;

    public StateDirectoryCheck(Path dir) {
        this(dir, PROBE_FILE);
    }

    /** @param probeFile the probe's file name: a check run beside the app's health check writes a file of its own */
    public StateDirectoryCheck(Path dir, String probeFile) {
        this.dir = dir.toAbsolutePath();
        this.probeFile = probeFile;
    }

    /** Empty when the state directory can be written, otherwise why not, naming the directory. */
    public Optional<String> problem() {
        if (!Files.exists(dir)) {
            return Optional.of("state directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("state directory " + dir + " is not a directory");
        }
        Path probe = dir.resolve(probeFile);
        try {
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(new byte[] {'o', 'k', '\n'}));
                channel.force(true);
            }
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("state directory " + dir + " cannot be written: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        // NIO messages are often just the path; the exception type says what went wrong.
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        return message == null ? type : type + ": " + message;
    }
}
