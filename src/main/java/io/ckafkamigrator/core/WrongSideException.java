package io.ckafkamigrator.core;

/**
 * A request for the other side's way of migrating: the switch of a topic whose producers are
 * the operator's services, or {@code prepare} of one whose producers are the app's route, or a
 * record sent to the route of external producers. Nothing was changed. Answered with 409.
 */
public final class WrongSideException extends RuntimeException {

    private final String code;

    private WrongSideException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** {@code producers_external}: the topic's producers are the operator's services. */
    public static WrongSideException producersExternal(String topic, String what) {
        return new WrongSideException("producers_external", "topic '" + topic + "' has external producers (your own "
                + "services write it), so " + what + ": POST /api/migrations/" + topic + "/prepare, repoint your "
                + "producers to CKafka, then POST /api/migrations/" + topic + "/producers-switched");
    }

    /** {@code producers_hosted}: the topic's producer is the app's route. */
    public static WrongSideException producersHosted(String topic, String what) {
        return new WrongSideException("producers_hosted", "topic '" + topic + "' has hosted producers (this app's "
                + "route writes it), so " + what + ": POST /api/migrations/" + topic + "/switch-producer does it all");
    }

    public String code() {
        return code;
    }
}
