package io.ckafkamigrator.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The API users of the tests, from src/test/resources/test-users.properties. */
public final class ApiUsers {

    public static final String USERS_FILE = "src/test/resources/test-users.properties";
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-Secret-91";

    private ApiUsers() {
    }

    /** The value of an {@code Authorization} header for HTTP basic auth. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String operator() {
        return basic(OPERATOR, OPERATOR_PASSWORD);
    }
}
