package io.ckafkamigrator.support;

import java.util.Arrays;
import java.util.List;

/**
 * A released Kafka broker version ({@code 0.10.2.2}, {@code 2.8.2}, {@code 3.9.2}) and what
 * running it on this JDK takes: which Scala build exists, whether its own ZooKeeper (3.4, which
 * fails on JDK 17) must be replaced, whether it needs JAXB (dropped from the JDK after 8).
 */
public record BrokerVersion(String version) {

    /** The version the tests' own in-JVM KRaft brokers are: it runs without a separate process. */
    public static final String EMBEDDED = "3.9.2";

    public BrokerVersion {
        if (!version.matches("\\d+\\.\\d+\\.\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("not a Kafka version: '" + version + "'");
        }
    }

    /** The comma-separated versions of a system property, such as {@code compat.legacy-versions}. */
    public static List<BrokerVersion> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .map(BrokerVersion::new).toList();
    }

    public boolean embedded() {
        return version.equals(EMBEDDED);
    }

    /** Brokers before 3.0 are taken in their Scala 2.12 build, those before 0.10.2 in their 2.11 one. */
    public String scala() {
        if (major() >= 3) {
            return "2.13";
        }
        return major() == 0 && (minor() < 10 || minor() == 10 && patch() < 2) ? "2.11" : "2.12";
    }

    /** Before 2.4 the broker depends on ZooKeeper 3.4, whose networking fails on JDK 17. */
    public boolean replacesZooKeeper() {
        return major() < 2 || major() == 2 && minor() < 4;
    }

    /** Record headers need message format v2, from 0.11. */
    public boolean carriesHeaders() {
        return major() > 0 || minor() >= 11;
    }

    /** Before 2.0 the broker uses javax.xml.bind, no longer part of the JDK. */
    public boolean needsJaxb() {
        return major() < 2;
    }

    /**
     * From 2.4 the broker's pom names no logging binding (the release archive adds one), so
     * without one its log would be empty.
     */
    public boolean needsLogBinding() {
        return !replacesZooKeeper();
    }

    /** How the version runs here: its own in-JVM KRaft controller, or a ZooKeeper process. */
    public String clusterMode() {
        return embedded() ? "KRaft" : "ZooKeeper";
    }

    /**
     * The release the app should name from this broker's API versions: its major.minor (with
     * the third number below 1.0, {@code 0.10.2}), {@code 3.0 or later} from 3.0 on.
     */
    public String expectedRelease() {
        if (major() >= 3) {
            return "3.0 or later";
        }
        String[] parts = version.split("\\.");
        return major() == 0 && minor() == 10 ? parts[0] + "." + parts[1] + "." + parts[2] : parts[0] + "." + parts[1];
    }

    private int major() {
        return Integer.parseInt(version.split("\\.")[0]);
    }

    private int minor() {
        return Integer.parseInt(version.split("\\.")[1]);
    }

    private int patch() {
        return Integer.parseInt(version.split("\\.")[2]);
    }

    @Override
    public String toString() {
        return version;
    }
}
