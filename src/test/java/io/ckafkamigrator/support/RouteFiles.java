package io.ckafkamigrator.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the shipped routes/ folder, for tests that add or break a topic file. */
public final class RouteFiles {

    private RouteFiles() {
    }

    /**
     * {@code text} with its one occurrence of {@code from} replaced: fails when there is none or
     * more than one, so an edit of a shipped route file cannot silently miss.
     */
    public static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalArgumentException("expected exactly one '" + from + "' in:\n" + text);
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** Copies every file below {@code from} to the same place below {@code to}. */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
