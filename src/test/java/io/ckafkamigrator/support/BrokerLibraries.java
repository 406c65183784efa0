package io.ckafkamigrator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jars of one broker version in {@code target/brokers/<version>/lib}, resolved from Maven
 * Central by the project's own Maven wrapper from a generated pom, once: a marker file says the
 * copy is complete. The local repository is tried offline first, then online. Failsafe passes
 * the wrapper and the folder ({@code broker.maven-wrapper}, {@code broker.home}); run
 * elsewhere, the working directory is taken for the project's.
 */
final class BrokerLibraries {

    // Pinned, so that once fetched an offline run finds it; a fresh machine fetches it online.
    private static final String COPY = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies";
    private static final String ZOOKEEPER = "3.5.9";
    private static final String JAXB = "2.3.1";
    private static final String SLF4J = "1.7.30";
    private static final String LOG4J = "1.2.17";

    private BrokerLibraries() {
    }

    /** The folder holding every jar the broker and its ZooKeeper need. */
    static synchronized Path of(BrokerVersion version) {
        Path home = Path.of(System.getProperty("broker.home", "target/brokers"), version.version()).toAbsolutePath();
        Path lib = home.resolve("lib");
        Path complete = home.resolve("lib.complete");
        if (Files.exists(complete)) {
            return lib;
        }
        try {
            Files.createDirectories(home);
            Files.writeString(home.resolve("pom.xml"), pom(version));
            Path log = home.resolve("resolve.log");
            if (copy(home, log, true) != 0 && copy(home, log, false) != 0) {
                throw new IllegalStateException("cannot resolve the jars of Kafka " + version + "; see " + log);
            }
            Files.writeString(complete, version.version());
            return lib;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int copy(Path home, Path log, boolean offline) throws IOException, InterruptedException {
        String wrapper = Path.of(System.getProperty("broker.maven-wrapper", "mvnw")).toAbsolutePath().toString();
        List<String> command = new ArrayList<>(List.of(wrapper, "-B", "-q"));
        if (offline) {
            command.add("-o");
        }
        String repository = System.getProperty("maven.repo.local", "");
        if (!repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.addAll(List.of("-f", home.resolve("pom.xml").toString(), COPY, "-DoutputDirectory=lib"));
        Process maven = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!maven.waitFor(10, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            return -1;
        }
        return maven.exitValue();
    }

    private static String pom(BrokerVersion version) {
        String exclusions = version.replacesZooKeeper()
                ? "<exclusions><exclusion><groupId>org.apache.zookeeper</groupId><artifactId>zookeeper</artifactId>"
                        + "</exclusion></exclusions>"
                : "";
        StringBuilder dependencies = new StringBuilder(dependency("org.apache.kafka", "kafka_" + version.scala(),
                version.version(), exclusions));
        if (version.replacesZooKeeper()) {
            dependencies.append(dependency("org.apache.zookeeper", "zookeeper", ZOOKEEPER, ""));
        }
        if (version.needsJaxb()) {
            dependencies.append(dependency("javax.xml.bind", "jaxb-api", JAXB, ""));
        }
        if (version.needsLogBinding()) {
            dependencies.append(dependency("org.slf4j", "slf4j-log4j12", SLF4J, ""));
            dependencies.append(dependency("log4j", "log4j", LOG4J, ""));
        }
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>test.brokers</groupId>
                  <artifactId>kafka-broker</artifactId>
                  <version>%s</version>
                  <packaging>pom</packaging>
                  <dependencies>
                %s  </dependencies>
                </project>
                """.formatted(version.version(), dependencies);
    }

    private static String dependency(String group, String artifact, String version, String exclusions) {
        return "    <dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>%s</dependency>\n"
                .formatted(group, artifact, version, exclusions);
    }
}
