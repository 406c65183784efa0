package io.ckafkamigrator.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md's migration.* table says what the declarations in {@link Settings} say. */
class SettingsDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(migration\\.[^`]+)` \\| ([^|]+) \\| (.+) \\|$");

    /** Property name to its Default and Meaning cells. */
    private static Map<String, String[]> documentedRows() throws IOException {
        Map<String, String[]> rows = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1), new String[] {m.group(2).trim(), m.group(3).trim()});
            }
        }
        return rows;
    }

    private static String defaultCell(Setting setting) {
        return setting.defaultValue().map(value -> "`" + value + "`").orElse("(unset)");
    }

    private static String boundsText(Setting setting) {
        return setting.max() == Integer.MAX_VALUE ? "(at least " + setting.min() + ")"
                : "(" + setting.min() + "–" + setting.max() + ")";
    }

    @Test
    void shouldDocumentEverySettingWithItsDeclaredDefaultAndBounds() throws IOException {
        // Given
        Map<String, String[]> rows = documentedRows();

        // When
        List<String> wrong = new ArrayList<>();
        for (Setting setting : Settings.ALL) {
            String[] row = rows.get(setting.key());
            if (row == null) {
                wrong.add(setting.key() + ": no row");
            } else if (!row[0].equals(defaultCell(setting))) {
                wrong.add(setting.key() + ": default " + row[0] + ", declared " + defaultCell(setting));
            } else if (setting.kind() == Setting.Kind.INTEGER && !row[1].endsWith(boundsText(setting))) {
                wrong.add(setting.key() + ": meaning should end with " + boundsText(setting));
            }
        }

        // Then
        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldDocumentNoSettingThatIsNotDeclared() throws IOException {
        // Given
        Map<String, String[]> rows = documentedRows();

        // When
        List<String> undeclared = rows.keySet().stream()
                .filter(key -> Settings.ALL.stream().noneMatch(s -> s.key().equals(key)))
                .filter(key -> !key.equals(Settings.SINK_PREFIX + "<topic>"))
                .toList();

        // Then
        assertThat(rows).hasSizeGreaterThan(Settings.ALL.size() - 1);
        assertThat(undeclared).isEmpty();
    }
}
