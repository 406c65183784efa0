package io.ckafkamigrator.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source file of the core may refer to: the JDK ({@code java.*}), SLF4J and the core
 * itself. Camel, Kafka, any other library and the project's adapter packages stay outside, so
 * the core compiles and is tested without them.
 */
final class CoreLayeringRule {

    private static final List<String> ALLOWED = List.of("java.", "org.slf4j.", "io.ckafkamigrator.core.");

    /** An import declaration, static or not; group 1 is the imported name. */
    private static final Pattern IMPORT = Pattern.compile("\\bimport\\s+(?:static\\s+)?([\\w$.\\s]+?(?:\\.\\s*\\*)?)\\s*;");

    /** A qualified type name in code: lower-case segments, then a type (org.apache.kafka.clients.admin.Admin). */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w$.])[a-z_][\\w$]*(?:\\.[a-z_][\\w$]*)+\\.[A-Z][\\w$]*");

    /** Comments, text blocks, strings and characters: a name written there is no dependency. */
    private static final Pattern COMMENT_OR_LITERAL = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'", Pattern.DOTALL);

    private CoreLayeringRule() {
    }

    /** One line per forbidden reference, as {@code file:line imports name} or {@code file:line refers to name}. */
    static List<String> violations(String file, String source) {
        String code = blank(COMMENT_OR_LITERAL, source);
        List<String> violations = new ArrayList<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            String name = imports.group(1).replaceAll("\\s", "");
            if (!allowed(name)) {
                violations.add(file + ":" + line(code, imports.start()) + " imports " + name);
            }
        }
        Matcher inline = QUALIFIED.matcher(blank(IMPORT, code));
        while (inline.find()) {
            if (!allowed(inline.group())) {
                violations.add(file + ":" + line(code, inline.start()) + " refers to " + inline.group());
            }
        }
        return violations;
    }

    private static boolean allowed(String name) {
        return ALLOWED.stream().anyMatch(name::startsWith);
    }

    /** Replaces every match by spaces, keeping the line breaks so line numbers stay right. */
    private static String blank(Pattern pattern, String text) {
        return pattern.matcher(text).replaceAll(match -> match.group().replaceAll("[^\\n]", " "));
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
