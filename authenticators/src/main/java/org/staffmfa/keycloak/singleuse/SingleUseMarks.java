package org.staffmfa.keycloak.singleuse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Everything the extension puts into Keycloak's cluster-wide single-use store, and the only class that touches it.
 * Each key is {@code staff-mfa.<purpose>.<realm id>.<parts>}: the extension's own prefix, then what the mark is for,
 * then the realm, so that no key of the extension can meet a key of Keycloak or of another purpose or realm (Keycloak
 * itself keeps unprefixed keys there, see CVE-2026-4325). Parts are server-side ids, or input the caller has already
 * checked to be plain digits; none is user input alone.
 */
public final class SingleUseMarks {

    /** What a mark records; the name is part of every key. */
    public enum Purpose {
        /** An authenticator-app code accepted for one credential. */
        OTP_CODE("otp-code"),
        /** A counter value accepted for one HOTP credential. */
        HOTP_COUNTER("hotp-counter"),
        /** One HOTP check of a credential in progress (so that two checks never race on its counter). */
        HOTP_CHECK("hotp-check"),
        /** One code of a user's recovery-code set, by set and number. */
        RECOVERY_CODE("recovery-code"),
        /** One of the messages a user may be sent per channel and hour. */
        MESSAGE_SLOT("message-slot"),
        /** One of the entries an emailed or texted code allows. */
        CODE_ENTRY("code-entry"),
        /** An emailed or texted code that was accepted. */
        CODE_ACCEPTED("code-accepted"),
        /** One check of a user's password for an administrator's active consent. */
        CONSENT_CHECK("consent-check"),
        /** A configuration problem that was logged this hour. */
        CONFIG_PROBLEM("config-problem"),
        /** A node's turn to end sessions that expired exemptions let in. */
        SESSION_SWEEP("session-sweep"),
        /** A set-up (or a fix) running for a realm: one at a time, so that two never build the same flows. */
        SETUP("setup"),
        /** A node's turn to look for changed set-up findings. */
        HEALTH_TURN("health-turn"),
        /** The fingerprint of the set-up findings last written to the log, per realm. */
        HEALTH_LOGGED("health-logged"),
        /** A node's turn to send the enrolment reminders that are due. */
        REMINDER_TURN("reminder-turn");

        private final String id;

        Purpose(String id) {
            this.id = id;
        }
    }

    static final String PREFIX = "staff-mfa.";
    private static final String VALUE = "value";
    /** Stands for the realm in marks that concern the whole cluster. */
    static final String CLUSTER = "cluster";
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private SingleUseMarks() {
    }

    /** @return true when this call set the mark; false when it was already there (someone else was first) */
    public static boolean takeFirst(KeycloakSession session, Purpose purpose, RealmModel realm, long lifespanSeconds,
                                    String... parts) {
        return session.singleUseObjects().putIfAbsent(key(purpose, realm.getId(), parts), lifespanSeconds);
    }

    /** Like {@link #takeFirst} for marks that concern the whole cluster, not one realm. */
    public static boolean takeFirstInCluster(KeycloakSession session, Purpose purpose, long lifespanSeconds,
                                             String... parts) {
        return session.singleUseObjects().putIfAbsent(key(purpose, CLUSTER, parts), lifespanSeconds);
    }

    /** Keeps a short server-made value (a fingerprint, never user input) under a mark, replacing what was there. */
    public static void keep(KeycloakSession session, Purpose purpose, RealmModel realm, long lifespanSeconds,
                            String value, String... parts) {
        session.singleUseObjects().put(key(purpose, realm.getId(), parts), lifespanSeconds, java.util.Map.of(VALUE, value));
    }

    /** The value {@link #keep} left under the mark, if it has not expired. */
    public static java.util.Optional<String> kept(KeycloakSession session, Purpose purpose, RealmModel realm,
                                                  String... parts) {
        java.util.Map<String, String> notes = session.singleUseObjects().get(key(purpose, realm.getId(), parts));
        return java.util.Optional.ofNullable(notes).map(map -> map.get(VALUE));
    }

    public static boolean isTaken(KeycloakSession session, Purpose purpose, RealmModel realm, String... parts) {
        return session.singleUseObjects().contains(key(purpose, realm.getId(), parts));
    }

    public static void release(KeycloakSession session, Purpose purpose, RealmModel realm, String... parts) {
        session.singleUseObjects().remove(key(purpose, realm.getId(), parts));
    }

    /**
     * The key of a mark. Parts that are plain ids (letters, digits, dash, underscore) stand as they are; any other part
     * (a realm id an import brought, a federated user's {@code f:<provider>:<id>}) is replaced by its SHA-256, so that
     * no part can carry a separator into the key.
     */
    static String key(Purpose purpose, String realmId, String... parts) {
        StringBuilder key = new StringBuilder(PREFIX).append(purpose.id).append('.').append(plain(realmId));
        for (String part : parts) {
            key.append('.').append(plain(part));
        }
        return key.toString();
    }

    private static String plain(String part) {
        if (PART.matcher(Objects.requireNonNull(part, "key part")).matches()) {
            return part;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(part.getBytes(StandardCharsets.UTF_8));
            return "h" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
