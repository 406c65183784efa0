package io.ckafkamigrator.core;

/** A request that the topic's current phase does not allow; answered with 409 by the API. */
public final class IllegalPhaseException extends RuntimeException {

    private final Phase phase;

    public IllegalPhaseException(String topic, Phase phase, String request) {
        super("topic '" + topic + "' is in phase " + phase + ", where " + request + " is not possible");
        this.phase = phase;
    }

    public Phase phase() {
        return phase;
    }
}
