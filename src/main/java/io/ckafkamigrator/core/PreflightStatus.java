package io.ckafkamigrator.core;

import java.util.Collection;
import java.util.Locale;

/**
 * The verdict of one preflight check, in increasing gravity: a topic's or a run's result is the
 * gravest of its checks. {@code fail} means the migration would go wrong or be refused; {@code
 * warn} means it works but something deserves a look (or could not be told).
 */
public enum PreflightStatus {

    PASS, WARN, FAIL;

    /** As written in the JSON answers and the table: {@code pass | warn | fail}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The gravest of {@code statuses}; {@link #PASS} when there are none. */
    public static PreflightStatus worst(Collection<PreflightStatus> statuses) {
        return statuses.stream().max(Enum::compareTo).orElse(PASS);
    }
}
