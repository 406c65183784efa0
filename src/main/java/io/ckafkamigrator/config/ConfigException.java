package io.ckafkamigrator.config;

/**
 * A configuration value that prevents the migrator from starting. The message always names
 * the property (or file) at fault, so that it can be printed to the operator as one line.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String property, String problem) {
        super(property + ": " + problem);
    }

    public ConfigException(String property, String problem, Throwable cause) {
        super(property + ": " + problem, cause);
    }
}
