package io.ckafkamigrator.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach one Kafka cluster ({@code legacy} or {@code ckafka}), read from the properties
 * under {@code <name>.*}. Validated on creation: a bad value fails start-up with the property
 * name in the message. {@link #toString()} never shows a secret.
 *
 * @param name             the cluster's name, also the prefix of its properties
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param brokerSettings   Kafka client settings chosen at start-up for the brokers' release
 *                         (none for brokers from 0.11 on); the operator's overrides win over them
 * @param clientOverrides  raw Kafka client settings from {@code <name>.client.*}; applied last
 */
public record ClusterSettings(
        String name,
        String bootstrapServers,
        SecurityProtocol securityProtocol,
        SaslMechanism saslMechanism,
        String saslUsername,
        Secret saslPassword,
        Optional<String> truststoreLocation,
        Secret truststorePassword,
        Optional<String> keystoreLocation,
        Secret keystorePassword,
        Map<String, String> brokerSettings,
        Map<String, String> clientOverrides) {

    private static final Pattern HOST_PORT = Pattern.compile("^\\[?[A-Za-z0-9._:-]+]?:\\d{1,5}$");

    /** SASL mechanisms the migrator can build a JAAS configuration for. */
    public enum SaslMechanism {
        PLAIN("org.apache.kafka.common.security.plain.PlainLoginModule"),
        SCRAM_SHA_256("org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String loginModule;

        SaslMechanism(String loginModule) {
            this.loginModule = loginModule;
        }

        public String kafkaName() {
            return name().replace('_', '-');
        }

        static SaslMechanism parse(String property, String raw) {
            String wanted = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (SaslMechanism m : values()) {
                if (m.name().equals(wanted)) {
                    return m;
                }
            }
            throw new ConfigException(property, "must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, was '" + raw + "'");
        }
    }

    public ClusterSettings {
        brokerSettings = Map.copyOf(brokerSettings);
        clientOverrides = Map.copyOf(clientOverrides);
    }

    /** These settings with {@code settings} chosen for the brokers' release (they replace any chosen before). */
    public ClusterSettings withBrokerSettings(Map<String, String> settings) {
        return new ClusterSettings(name, bootstrapServers, securityProtocol, saslMechanism, saslUsername, saslPassword,
                truststoreLocation, truststorePassword, keystoreLocation, keystorePassword, settings, clientOverrides);
    }

    /** Reads and validates {@code <name>.*}. */
    public static ClusterSettings from(String name, PropertySource props) {
        String serversKey = name + ".bootstrap-servers";
        String servers = props.require(serversKey).trim();
        for (String server : servers.split(",")) {
            if (!HOST_PORT.matcher(server.trim()).matches()) {
                throw new ConfigException(serversKey, "'" + server.trim() + "' is not a host:port address");
            }
        }
        SecurityProtocol protocol = parseProtocol(name + ".security-protocol",
                props.get(name + ".security-protocol").orElse("PLAINTEXT"));

        SaslMechanism mechanism = SaslMechanism.parse(name + ".sasl-mechanism",
                props.get(name + ".sasl-mechanism").orElse("PLAIN"));
        String username = props.get(name + ".sasl-username").orElse("");
        Secret password = new Secret(props.get(name + ".sasl-password").orElse(""));
        if (protocol.usesSasl()) {
            props.require(name + ".sasl-username");
            if (password.isEmpty()) {
                throw new ConfigException(name + ".sasl-password", "is required with security-protocol "
                        + protocol + " (set it from an environment variable, never in a committed file)");
            }
        }
        Map<String, String> overrides = new LinkedHashMap<>(props.withPrefix(name + ".client."));
        return new ClusterSettings(name, servers, protocol, mechanism, username, password,
                props.get(name + ".ssl-truststore-location"),
                new Secret(props.get(name + ".ssl-truststore-password").orElse("")),
                props.get(name + ".ssl-keystore-location"),
                new Secret(props.get(name + ".ssl-keystore-password").orElse("")),
                Map.of(), overrides);
    }

    private static SecurityProtocol parseProtocol(String property, String raw) {
        try {
            return SecurityProtocol.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(property, "must be one of PLAINTEXT, SASL_PLAINTEXT, SASL_SSL, SSL, was '" + raw + "'");
        }
    }

    /** The bootstrap addresses as a list of {@code host:port}. */
    public List<String> servers() {
        return List.of(bootstrapServers.split("\\s*,\\s*"));
    }

    /**
     * Kafka client properties (producer, consumer and admin alike) for this cluster: address,
     * security, the settings chosen for the brokers' release, then the {@code client.*}
     * overrides, which win.
     */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("security.protocol", securityProtocol.name());
        if (securityProtocol.usesSasl()) {
            props.put("sasl.mechanism", saslMechanism.kafkaName());
            props.put("sasl.jaas.config", jaasConfig());
        }
        if (securityProtocol.usesTls()) {
            truststoreLocation.ifPresent(location -> props.put("ssl.truststore.location", location));
            if (!truststorePassword.isEmpty()) {
                props.put("ssl.truststore.password", truststorePassword.value());
            }
            keystoreLocation.ifPresent(location -> props.put("ssl.keystore.location", location));
            if (!keystorePassword.isEmpty()) {
                props.put("ssl.keystore.password", keystorePassword.value());
            }
        }
        props.putAll(brokerSettings);
        props.putAll(clientOverrides);
        return props;
    }

    private String jaasConfig() {
        return saslMechanism.loginModule + " required username=\"" + jaasEscape(saslUsername)
                + "\" password=\"" + jaasEscape(saslPassword.value()) + "\";";
    }

    private static String jaasEscape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "ClusterSettings[name=" + name + ", bootstrapServers=" + bootstrapServers
                + ", securityProtocol=" + securityProtocol
                + (securityProtocol.usesSasl() ? ", saslMechanism=" + saslMechanism.kafkaName() + ", saslUsername=" + saslUsername : "")
                + (brokerSettings.isEmpty() ? "" : ", brokerSettings=" + brokerSettings)
                + ", clientOverrides=" + clientOverrides.keySet() + "]";
    }
}
