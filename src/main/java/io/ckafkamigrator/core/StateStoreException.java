package io.ckafkamigrator.core;

/** The state store cannot read or write a topic's state; the message names the file. */
public final class StateStoreException extends RuntimeException {

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
