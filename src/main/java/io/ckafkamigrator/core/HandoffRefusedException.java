package io.ckafkamigrator.core;

/** A handoff step found the topic unsafe to hand over; nothing was changed. Answered with 409. */
public final class HandoffRefusedException extends RuntimeException {

    private final String code;

    public HandoffRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
