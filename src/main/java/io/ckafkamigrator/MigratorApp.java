package io.ckafkamigrator;

import java.util.Map;

import io.ckafkamigrator.camel.MigratorStartup;
import io.ckafkamigrator.camel.PreflightCommand;
import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.config.Settings;
import org.apache.camel.main.Main;

/**
 * Entry point: {@code java -jar ckafka-migrator.jar [--config FILE] [--routes DIR] [--preflight]}.
 * Runs until stopped (SIGTERM or Ctrl-C); exits 0 after a clean stop and 2 when it cannot start,
 * after printing one line that names the property or file at fault. With {@code --preflight} it
 * prints the preflight checks instead and exits 0 when none failed, 1 otherwise
 * ({@link PreflightCommand}).
 */
public final class MigratorApp {

    private MigratorApp() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            MigratorOptions options = MigratorOptions.parse(args);
            exit = options.preflight() ? preflight(options) : run(create(options, Map.of()));
        } catch (ConfigException e) {
            exit = failedToStart(e);
        }
        System.exit(exit);
    }

    /**
     * A Camel Main for the given options; {@code overrides} win over the properties file (tests
     * use them for broker addresses and ports). The caller runs or starts it.
     */
    public static Main create(MigratorOptions options, Map<String, String> overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + options.config());
        // The declared defaults, below the properties file and -D: route placeholders need no fallback.
        Settings.defaults().forEach(main::addInitialProperty);
        options.routesPattern().ifPresent(p -> main.addOverrideProperty("camel.main.routes-include-pattern", p));
        overrides.forEach(main::addOverrideProperty);
        main.addMainListener(new MigratorStartup());
        return main;
    }

    /** The preflight's Main: configured like the app's, but with {@link PreflightCommand} in place of the start. */
    private static int preflight(MigratorOptions options) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + options.config());
        Settings.defaults().forEach(main::addInitialProperty);
        options.routesPattern().ifPresent(p -> main.addOverrideProperty("camel.main.routes-include-pattern", p));
        PreflightCommand.OVERRIDES.forEach(main::addOverrideProperty);
        PreflightCommand command = new PreflightCommand();
        main.addMainListener(command);
        try {
            return command.run(main, System.out);
        } catch (Exception e) {
            return failedToStart(e);
        } finally {
            // Camel's JVM shutdown hook stays quiet at exit instead of reporting a SIGTERM that never came.
            main.completed();
        }
    }

    private static int run(Main main) {
        try {
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            closeStartup(main);
            // Marked completed, Camel's JVM shutdown hook stays quiet at exit instead of
            // reporting a SIGTERM that never came.
            main.completed();
            return failedToStart(e);
        }
    }

    private static void closeStartup(Main main) {
        main.getMainListeners().stream()
                .filter(MigratorStartup.class::isInstance)
                .forEach(l -> ((MigratorStartup) l).close());
    }

    private static int failedToStart(Exception e) {
        System.err.println("ckafka-migrator failed to start: " + StartupFailure.describe(e));
        return 2;
    }
}
