package io.ckafkamigrator;

import io.ckafkamigrator.config.ConfigException;

/** Reduces a start-up exception chain to the one line an operator needs. */
final class StartupFailure {

    private StartupFailure() {
    }

    static String describe(Throwable error) {
        // Our own checks already name the property; prefer them over Camel's wrapping.
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConfigException) {
                return t.getMessage();
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = oneLine(error.getMessage());
        String deepest = oneLine(root.getMessage());
        if (root == error || top.contains(deepest)) {
            return top;
        }
        return top + " | caused by " + root.getClass().getSimpleName() + ": " + deepest;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
