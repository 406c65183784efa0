package io.ckafkamigrator.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One preflight check's verdict: its stable id (README "Preflight" lists them), what it found
 * and what to do about it (empty when nothing is to be done).
 */
public record PreflightCheck(String id, PreflightStatus status, String found, String action) {

    public PreflightCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        found = found == null ? "" : found;
        action = action == null ? "" : action;
    }

    public static PreflightCheck pass(String id, String found) {
        return new PreflightCheck(id, PreflightStatus.PASS, found, "");
    }

    public static PreflightCheck warn(String id, String found, String action) {
        return new PreflightCheck(id, PreflightStatus.WARN, found, action);
    }

    public static PreflightCheck fail(String id, String found, String action) {
        return new PreflightCheck(id, PreflightStatus.FAIL, found, action);
    }

    /** A read that failed: the check cannot tell, which is a warning, never a pass. */
    static PreflightCheck unknown(String id, String what, String why) {
        return warn(id, "cannot read " + what + ": " + why, "check the credentials and that the cluster answers, "
                + "then run the preflight again");
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("status", status.value());
        map.put("found", found);
        map.put("action", action);
        return map;
    }
}
