package io.ckafkamigrator.core;

/** Another control request for the same topic is still being answered. */
public final class RequestInProgressException extends RuntimeException {

    public RequestInProgressException(String topic, String action) {
        super("another control request for topic '" + topic + "' is still in progress; " + action
                + " was not started (check GET /api/migrations/" + topic + " and retry if still needed)");
    }
}
