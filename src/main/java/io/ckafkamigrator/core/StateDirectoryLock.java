package io.ckafkamigrator.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS lock on {@code <state-dir>/migrator.lock}, held for the life of the process:
 * two instances on one state directory would each switch, commit CKafka start offsets and
 * save phases over the other's. The lock file names its holder (pid, host, since when), so the
 * refused instance can say who it is. The OS drops the lock when the process ends, a SIGKILL
 * included; the file itself stays and is simply locked again by the next start.
 *
 * <p>An instance in the same JVM (tests run several apps in one) is refused the same way, from
 * a map of the files this JVM holds, without opening the file again: on Linux closing any
 * channel of a file drops every lock the process holds on it. Java would report the second
 * lock as {@link OverlappingFileLockException}, taken as "held" too.
 */
public final class StateDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "migrator.lock";
    /** The lock files this JVM holds, with what each says about its holder. */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final FileChannel channel;
    private final FileLock lock;

    private final Path file;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private StateDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, creating the directory if needed, and writes this process into the file.
     *
     * @throws StateStoreException when another process (or another app in this JVM) holds it,
     *                             naming the holder, or when the file cannot be written
     */
    public static StateDirectoryLock acquire(Path stateDir) {
        Path file = stateDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        FileChannel channel = null;
        String thisProcess = describeThisProcess();
        try {
            Files.createDirectories(stateDir);
            file = stateDir.toRealPath().resolve(FILE_NAME);
            String holder = HELD.putIfAbsent(file, thisProcess);
            if (holder != null) {
                throw inUse(stateDir, holder);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                holder = holder(channel);
                HELD.remove(file, thisProcess);
                channel.close();
                throw inUse(stateDir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(thisProcess.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new StateDirectoryLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(file, thisProcess);
            throw new StateStoreException("cannot lock the state directory " + file + ": " + e.getMessage(), e);
        }
    }

    private static StateStoreException inUse(Path stateDir, String holder) {
        String who = holder.strip().isEmpty() ? "holder unknown" : holder.strip().replaceAll("\\s*\\R\\s*", " ");
        return new StateStoreException("state directory " + stateDir.toAbsolutePath() + " is in use by another instance ("
                + who + "); one instance per state directory: stop that one first", null);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** What the lock file says about its holder. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static String describeThisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return "pid=" + ProcessHandle.current().pid() + " host=" + host + " since=" + Instant.now() + "\n";
    }

    /** Releases the lock (the file stays: the next start locks it again). Safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // Closing the channel below releases it all the same.
        }
        closeQuietly(channel);
        HELD.remove(file);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing left to release.
            }
        }
    }
}
