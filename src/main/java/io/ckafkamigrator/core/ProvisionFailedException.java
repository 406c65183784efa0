package io.ckafkamigrator.core;

/**
 * A provisioning step a cluster refused or could not answer. Nothing was created.
 */
public final class ProvisionFailedException extends RuntimeException {

    /** What went wrong, each with a stable code for the API. */
    public enum Reason {
        /** The legacy topic does not exist: there is nothing to copy. */
        LEGACY_TOPIC_MISSING("legacy_topic_missing"),
        /** The credentials may not create topics (TopicAuthorization, ClusterAuthorization). */
        FORBIDDEN("topic_creation_forbidden"),
        /** The broker refused the topic as asked: a create.topic.policy, a replication factor, a config. */
        REFUSED("topic_creation_refused"),
        /** Someone else created the topic between our look and our create. */
        ALREADY_EXISTS("topic_exists"),
        /** A cluster did not answer, or answered an error that says nothing of the request. */
        UNAVAILABLE("cluster_unavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public ProvisionFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
