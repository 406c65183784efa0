package io.ckafkamigrator.core;

/** No routes/topics/<topic>.yaml defines this topic; answered with 404. */
public final class UnknownTopicException extends RuntimeException {

    public UnknownTopicException(String topic) {
        super("no topic '" + topic + "' is configured; each topic is a file routes/topics/<topic>.yaml");
    }
}
