package io.ckafkamigrator.kafka;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.ckafkamigrator.config.ClusterSettings;
import io.ckafkamigrator.config.Secret;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Turns a failed call to a cluster into a one-line reason for an operator, naming the cluster
 * and what to look at. The reason is shown on {@code /observe/health}, which is open to probes,
 * so it never carries a secret: the cluster's passwords are masked wherever a Kafka message
 * echoes them, and so is anything that looks like {@code password=...}.
 */
public final class ClusterFailure {

    static final int MAX_DETAIL = 300;
    private static final String MASK = "****";
    private static final Pattern PASSWORD_ASSIGNMENT =
            Pattern.compile("(?i)(password\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;]+)");

    private ClusterFailure() {
    }

    /** Why {@code cluster} did not answer a call that failed with {@code error}. */
    public static String reason(ClusterSettings cluster, Throwable error, int timeoutMs) {
        Throwable cause = unwrap(error);
        String name = cluster.name();
        if (cause instanceof SslAuthenticationException) {
            return name + " cluster at " + cluster.bootstrapServers()
                    + " failed the TLS handshake (check the truststore and keystore): " + detail(cluster, cause);
        }
        if (cause instanceof AuthenticationException) {
            return name + " cluster rejected the credentials (user " + cluster.saslUsername() + "): "
                    + detail(cluster, cause);
        }
        if (cause instanceof AuthorizationException) {
            return name + " cluster denied access (user " + cluster.saslUsername() + "): " + detail(cluster, cause);
        }
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException
                || cause instanceof java.util.concurrent.TimeoutException) {
            return name + " cluster unreachable at " + cluster.bootstrapServers() + ": no answer within " + timeoutMs + " ms";
        }
        return name + " cluster unreachable at " + cluster.bootstrapServers() + ": "
                + cause.getClass().getSimpleName() + ": " + detail(cluster, cause);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The exception's message on one line, without any secret, and not endless. */
    static String detail(ClusterSettings cluster, Throwable cause) {
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        for (Secret secret : secrets(cluster)) {
            text = text.replace(secret.value(), MASK);
        }
        text = PASSWORD_ASSIGNMENT.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }

    private static Iterable<Secret> secrets(ClusterSettings cluster) {
        return Stream.of(cluster.saslPassword(), cluster.truststorePassword(), cluster.keystorePassword())
                .filter(secret -> !secret.isEmpty())
                .toList();
    }
}
