package io.ckafkamigrator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The start-up rule for the HTTP API: everything on the API port ({@code /api/*} and
 * {@code /topics/*}) needs credentials, checked by Camel's platform-http authentication
 * (basic auth from a users file, or JWT), while {@code /observe/*} stays open on the separate
 * management port for probes and scrapers. A configuration that would leave the API open
 * stops the start unless {@code migration.security.allow-unauthenticated=true} says so.
 *
 * @param authenticated   whether the API port requires credentials
 * @param usersFile       the basic-auth users file, if basic auth is used
 * @param demoUser        whether the users file holds the shipped demo user
 */
public record ApiSecurity(boolean authenticated, Optional<Path> usersFile, boolean demoUser) {

    public static final String ALLOW_UNAUTHENTICATED = Settings.SECURITY_ALLOW_UNAUTHENTICATED.key();
    static final String DEMO_USER_LINE = "user.demo=";

    /**
     * Reads and checks the settings.
     *
     * @param embedded whether the embedded throw-away clusters are used: the demo user is only
     *                 accepted with them
     */
    public static ApiSecurity from(PropertySource props, boolean embedded) {
        if (props.getBoolean(ALLOW_UNAUTHENTICATED, false)) {
            return new ApiSecurity(false, Optional.empty(), false);
        }
        String hint = "; or set " + ALLOW_UNAUTHENTICATED + "=true to run the API without authentication on purpose";
        if (!props.getBoolean("camel.server.authentication-enabled", false)) {
            throw new ConfigException("camel.server.authentication-enabled", "must be true: without it anyone who "
                    + "can reach the API port can switch producers and cut topics over (set it with "
                    + "camel.server.basic-properties-file or a JWT keystore)" + hint);
        }
        String path = props.get("camel.server.authentication-path").orElse("/*");
        if (!List.of("/", "/*").contains(path.trim())) {
            throw new ConfigException("camel.server.authentication-path", "must be /* so that both /api/* and "
                    + "/topics/* need credentials, was '" + path + "'" + hint);
        }
        int apiPort = props.getInt("camel.server.port", 8080, 0, 65_535);
        int managementPort = props.getInt("camel.management.port", 9876, 0, 65_535);
        if (apiPort == managementPort && apiPort != 0) {
            throw new ConfigException("camel.management.port", "must differ from camel.server.port (" + apiPort
                    + "): /observe/health and /observe/metrics stay open on their own port while the API port "
                    + "requires credentials");
        }
        Optional<String> jwtKeystore = props.get("camel.server.jwt-keystore-path");
        Optional<String> users = props.get("camel.server.basic-properties-file");
        if (users.isEmpty() && jwtKeystore.isEmpty()) {
            throw new ConfigException("camel.server.basic-properties-file", "is required for basic authentication "
                    + "(or set camel.server.jwt-keystore-path for JWT)" + hint);
        }
        jwtKeystore.ifPresent(keystore -> requireReadable("camel.server.jwt-keystore-path", Path.of(keystore)));
        if (users.isEmpty()) {
            return new ApiSecurity(true, Optional.empty(), false);
        }
        Path file = Path.of(users.get());
        List<String> lines = requireReadable("camel.server.basic-properties-file", file);
        if (lines.stream().map(String::trim).noneMatch(line -> line.startsWith("user."))) {
            throw new ConfigException("camel.server.basic-properties-file", file + " defines no user "
                    + "(lines 'user.<name>=<password>,<role>')");
        }
        boolean demo = lines.stream().map(String::trim).anyMatch(line -> line.startsWith(DEMO_USER_LINE));
        if (demo && !embedded) {
            throw new ConfigException("camel.server.basic-properties-file", file + " holds the demo user, which is "
                    + "only for the embedded clusters; point this property at your own users file");
        }
        return new ApiSecurity(true, Optional.of(file), demo);
    }

    private static List<String> requireReadable(String property, Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException(property, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** What an operator must be told at every start about this API's protection, if anything. */
    public Optional<String> warning() {
        if (!authenticated) {
            return Optional.of(ALLOW_UNAUTHENTICATED + "=true: /api/* and /topics/* accept requests WITHOUT credentials; "
                    + "anyone who can reach the API port can switch producers and cut topics over");
        }
        if (demoUser) {
            return Optional.of("The API accepts the DEMO user from " + usersFile.orElseThrow() + " (embedded clusters only)");
        }
        return Optional.empty();
    }
}
