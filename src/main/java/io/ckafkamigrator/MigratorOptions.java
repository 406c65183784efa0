package io.ckafkamigrator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.ckafkamigrator.config.ConfigException;

/**
 * Command-line options. Both locations are relative to the working directory by default, so
 * the app is started from the repository (or an install folder) holding config/ and routes/.
 *
 * @param config        the properties file; {@code --config FILE}
 * @param routesPattern a Camel resource pattern for the YAML routes, when {@code --routes DIR}
 *                      is given; otherwise the config file's {@code camel.main.routes-include-pattern}
 * @param preflight     {@code --preflight}: check the clusters, groups and state for every topic, print
 *                      the checks and exit instead of running ({@code PreflightCommand})
 */
public record MigratorOptions(Path config, Optional<String> routesPattern, boolean preflight) {

    static final String USAGE = "usage: java -jar ckafka-migrator.jar [--config FILE] [--routes DIR] [--preflight]";

    public static MigratorOptions parse(String... args) {
        Path config = Path.of("config", "application.properties");
        Optional<String> routes = Optional.empty();
        boolean preflight = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--config") || arg.equals("--routes")) && i + 1 >= args.length) {
                throw new ConfigException(arg, "needs a value; " + USAGE);
            }
            switch (arg) {
                case "--config" -> config = Path.of(args[++i]);
                case "--routes" -> routes = Optional.of(routesPattern(Path.of(args[++i])));
                case "--preflight" -> preflight = true;
                default -> throw new ConfigException(arg, "unknown option; " + USAGE);
            }
        }
        if (!Files.isRegularFile(config) || !Files.isReadable(config)) {
            throw new ConfigException("--config", "cannot read " + config.toAbsolutePath()
                    + " (start from the folder holding config/ and routes/, or pass --config FILE)");
        }
        return new MigratorOptions(config, routes, preflight);
    }

    private static String routesPattern(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("--routes", "no such directory: " + dir.toAbsolutePath());
        }
        return "file:" + dir.toString().replace('\\', '/') + "/**/*.yaml";
    }
}
