package io.ckafkamigrator.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as an operator runs it: {@code java -jar target/ckafka-migrator.jar},
 * from the repository root, with extra {@code -D} properties and arguments. Output goes to a
 * file so the test can read what the operator would have seen.
 */
public final class JarProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private JarProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static JarProcess start(List<String> systemProperties, String... args) throws IOException {
        return start(java.util.Map.of(), systemProperties, args);
    }

    /** Starts the jar with extra environment variables (secrets come from the environment). */
    public static JarProcess start(java.util.Map<String, String> environment, List<String> systemProperties,
                                   String... args) throws IOException {
        return start(null, System.getProperty("migrator.jar", "target/ckafka-migrator.jar"), environment,
                systemProperties, args);
    }

    /**
     * Starts another build of the app (an earlier commit's, for a benchmark against it) from its
     * own repository root {@code directory}, which holds the config/ and routes/ that jar reads.
     */
    public static JarProcess startIn(Path directory, Path jar, List<String> systemProperties) throws IOException {
        return start(directory, jar.toAbsolutePath().toString(), java.util.Map.of(), systemProperties);
    }

    private static JarProcess start(Path directory, String jar, java.util.Map<String, String> environment,
                                    List<String> systemProperties, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // JVM options for the jar's JVM only, e.g. a flight recording of the benchmarks' jar.
        String jvmOptions = System.getProperty("migrator.jar.jvm-options", "").trim();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        // The test users and a free management port unless the test says otherwise (a later -D wins).
        command.add("-Dcamel.server.basic-properties-file="
                + (directory == null ? ApiUsers.USERS_FILE : Path.of(ApiUsers.USERS_FILE).toAbsolutePath()));
        int serverPort = systemProperties.stream().filter(p -> p.startsWith("camel.server.port="))
                .mapToInt(p -> Integer.parseInt(p.substring("camel.server.port=".length()).trim())).findFirst().orElse(-1);
        command.add("-Dcamel.management.port=" + RunningMigrator.freePortOtherThan(serverPort));
        systemProperties.forEach(p -> command.add("-D" + p));
        command.add("-jar");
        command.add(jar);
        command.addAll(List.of(args));
        Path output = Files.createTempFile("migrator-output-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new JarProcess(process, output);
    }

    /** What a run of the jar that ended by itself left: its exit code, its output, how long it ran. */
    public record Exit(int code, String output, java.time.Duration took) {

        /** The lines the app printed about failing to start. */
        public List<String> startFailureLines() {
            return output.lines().filter(l -> l.startsWith("ckafka-migrator failed to start:")).toList();
        }
    }

    /** Runs the jar until it exits by itself (at most 60 s), as a start that must fail does. */
    public static Exit runUntilExit(List<String> systemProperties, String... args) throws IOException, InterruptedException {
        return runUntilExit(java.util.Map.of(), systemProperties, args);
    }

    public static Exit runUntilExit(java.util.Map<String, String> environment, List<String> systemProperties,
                                    String... args) throws IOException, InterruptedException {
        long started = System.nanoTime();
        try (JarProcess app = start(environment, systemProperties, args)) {
            int code = app.awaitExit(60);
            return new Exit(code, app.output(), java.time.Duration.ofNanos(System.nanoTime() - started));
        }
    }

    public Process process() {
        return process;
    }

    /** Waits for the process to end on its own and returns its exit code. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as a service manager would, and returns the exit code. */
    public int terminate(long seconds) throws InterruptedException {
        process.destroy();
        return awaitExit(seconds);
    }

    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(output);
    }
}
