package io.ckafkamigrator.camel;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.ckafkamigrator.core.Phase;

/**
 * The {@code phase} parameter of {@code GET /api/migrations}: one phase or several,
 * comma-separated, in any letter case ({@code ?phase=DRAINING,CUTTING_OVER}); without it, every
 * phase. An empty entry or a name that is not a phase is {@code 400 bad_parameter} naming the
 * valid phases.
 */
final class PhaseFilter {

    private PhaseFilter() {
    }

    /** @param header the {@code phase} query parameter (a list when repeated), or null */
    static Set<Phase> parse(Object header) {
        List<String> entries = QueryList.entries(header);
        if (entries == null) {
            return EnumSet.allOf(Phase.class);
        }
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String name : entries) {
            phases.add(Arrays.stream(Phase.values()).filter(p -> p.name().equals(name.toUpperCase(Locale.ROOT)))
                    .findFirst().orElseThrow(() -> new HttpProblem(400, "bad_parameter", "phase "
                            + QueryList.quoted(name) + " is not a phase; valid: " + names())));
        }
        return phases;
    }

    private static String names() {
        return String.join(", ", Arrays.stream(Phase.values()).map(Phase::name).toList());
    }
}
