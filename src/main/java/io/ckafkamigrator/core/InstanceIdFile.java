package io.ckafkamigrator.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The instance id of the app on one state directory, in {@code <state-dir>/instance-id}:
 * created at the first start, read at every later one. It names this instance's CKafka
 * consumers ({@link ConsumerIdentity}), so it belongs with the state that it identifies.
 */
public final class InstanceIdFile {

    static final String FILE_NAME = "instance-id";

    private InstanceIdFile() {
    }

    /**
     * The instance id the state directory already has, without creating one (the preflight
     * changes nothing); empty when it has none or it cannot be read.
     */
    public static java.util.Optional<ConsumerIdentity> read(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            return Files.exists(file) ? java.util.Optional.of(new ConsumerIdentity(Files.readString(file,
                    StandardCharsets.US_ASCII).strip())) : java.util.Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** @throws StateStoreException if the file cannot be read or written, or holds no valid id */
    public static ConsumerIdentity readOrCreate(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new ConsumerIdentity(Files.readString(file, StandardCharsets.US_ASCII).strip());
            }
            String id = ConsumerIdentity.randomId();
            Path tmp = stateDir.resolve(FILE_NAME + ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return new ConsumerIdentity(id);
        } catch (IOException | IllegalArgumentException e) {
            throw new StateStoreException("cannot read or create the instance id " + file + ": " + e.getMessage(), e);
        }
    }
}
