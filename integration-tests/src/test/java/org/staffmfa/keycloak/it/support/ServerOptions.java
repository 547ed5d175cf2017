package org.staffmfa.keycloak.it.support;

import java.util.List;

/**
 * Server options the harness starts Keycloak with, beyond ports and database, and what tests may rely on because of
 * them. A server started by hand for {@code -Dkeycloak.url} needs the same options for the tests that use them.
 */
public final class ServerOptions {

    /**
     * The server-wide SMS gateway secret (Twilio auth token and http bearer token), set only as server options. Tests
     * prove it never reaches a URL a realm administrator chose.
     */
    public static final String SERVER_SMS_SECRET = "server-only-sms-secret";

    /**
     * The vault entry the server's Twilio auth token is read from: vault entries are per realm, so an operator whose
     * realms use the server-wide sender gives each realm this entry — which a realm administrator could then name.
     */
    public static final String SERVER_SMS_VAULT_KEY = "server-sms-token";

    /** How often the server looks for changed set-up findings and logs them (the default is 5 minutes). */
    public static final int HEALTH_LOG_SECONDS = 2;

    /** How often the server sends the enrolment reminder mails that are due (the default is an hour). */
    public static final int REMINDER_SECONDS = 2;

    /** How often the server ends sessions that expired exemptions let in (the default is a minute). */
    public static final int EXEMPTION_SWEEP_SECONDS = 3;

    private ServerOptions() {
    }

    static List<String> all() {
        return List.of(
            // The proxy-header handling of a Keycloak behind a TLS-terminating proxy.
            "--proxy-headers=xforwarded",
            "--spi-mfa-sms-sender--twilio--account-sid=ACserver",
            // A literal vault reference: unescaped, Quarkus would read ${...} as a config expression (and find nothing).
            "--spi-mfa-sms-sender--twilio--auth-token=\\${vault." + SERVER_SMS_VAULT_KEY + "}",
            "--spi-mfa-sms-sender--twilio--from=+15550001111",
            "--spi-mfa-sms-sender--http--url=http://127.0.0.1:9/unused",
            "--spi-mfa-sms-sender--http--bearer-token=" + SERVER_SMS_SECRET,
            "--spi-credential--staff-mfa-exemption--session-sweep-seconds=" + EXEMPTION_SWEEP_SECONDS,
            "--spi-admin-realm-restapi-extension--staff-mfa--health-log-seconds=" + HEALTH_LOG_SECONDS,
            "--spi-admin-realm-restapi-extension--staff-mfa--reminder-seconds=" + REMINDER_SECONDS,
            // Every test runs with second-factor secrets sealed, so every path proves it still works with them.
            "--spi-admin-realm-restapi-extension--staff-mfa--secret-keys-file=" + SecretKeyFile.ensure());
    }
}
