package io.ckafkamigrator.support;

import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.plain.PlainAuthenticateCallback;

/**
 * The broker's check of SASL/PLAIN logins for one user, named by the JAAS options {@code user}
 * and {@code password}. Kafka's own check reads {@code user_<name>} options, and a JAAS option
 * name cannot hold the {@code #} of CKafka's {@code instanceId#user} names; an option value can.
 */
public final class PlainLoginCheck implements AuthenticateCallbackHandler {

    private String user;
    private String password;

    @Override
    public void configure(Map<String, ?> configs, String mechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        Map<String, ?> options = jaasConfigEntries.get(0).getOptions();
        user = (String) options.get("user");
        password = (String) options.get("password");
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        String name = null;
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback nameCallback) {
                name = nameCallback.getDefaultName();
            } else if (callback instanceof PlainAuthenticateCallback plain) {
                plain.authenticated(user.equals(name) && password.equals(new String(plain.password())));
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @Override
    public void close() {
    }
}
