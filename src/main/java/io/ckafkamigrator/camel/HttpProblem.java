package io.ckafkamigrator.camel;

/**
 * A request the migrator refuses, with the HTTP status and a stable machine-readable code.
 * Rendered as {@code {"error": code, "message": message}} by {@link HttpErrorResponse}.
 */
final class HttpProblem extends RuntimeException {

    private final int status;
    private final String code;

    HttpProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** The control is not attached yet: every API answers this until start-up has finished. */
    static HttpProblem starting() {
        return new HttpProblem(503, "starting", "the migration control is still starting; try again shortly");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
