package org.staffmfa.keycloak.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * A user's MFA security state — the salt that voids remembered browsers when replaced, when that last happened, and
 * when the user last chose "Skip for now" — kept where only the extension writes it: a credential of type
 * {@value #CREDENTIAL_TYPE}. Not user attributes, which a user administrator (or the user, where a realm allows
 * unmanaged attributes) could set back to undo a revocation or to pretend enrolment was skipped. Keycloak's user APIs
 * cannot create or change this credential; an administrator who deletes it only makes things stricter (every
 * remembered browser is forgotten, enrolment is offered again).
 */
public final class UserMfaState {

    public static final String CREDENTIAL_TYPE = "staff-mfa-state";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The credential's secret data (not shown by the admin API, which lists only credential data). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Data {
        public String rememberSalt;
        /** Epoch seconds. */
        public Long rememberResetAt;
        /** Epoch seconds. */
        public Long enrolmentSkippedAt;
        /** How often enrolment was skipped (for a group's {@code maxSkips}). */
        public Integer enrolmentSkips;
        /** The deadline (epoch seconds) the user was last reminded of by mail: one reminder per deadline. */
        public Long remindedOfDeadline;
    }

    private UserMfaState() {
    }

    /** The salt remembered browsers are checked against; none means no browser is remembered. */
    public static Optional<String> rememberSalt(UserModel user) {
        return Optional.ofNullable(read(user).rememberSalt);
    }

    /** The salt to remember a browser with, made on first use. */
    public static String rememberSaltForNewBrowser(UserModel user) {
        return rememberSalt(user).orElseGet(() -> rotateRememberSalt(user));
    }

    /** Forgets every browser the user asked to be remembered. */
    public static String rotateRememberSalt(UserModel user) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        Data data = read(user);
        data.rememberSalt = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        data.rememberResetAt = (long) Time.currentTime();
        save(user, data);
        return data.rememberSalt;
    }

    /** When the user's remembered browsers were last all forgotten (or the first one was remembered). */
    public static Optional<Instant> rememberResetAt(UserModel user) {
        return Optional.ofNullable(read(user).rememberResetAt).map(Instant::ofEpochSecond);
    }

    /** When the user last said "Skip for now"; empty if never. */
    public static Optional<Instant> enrolmentSkippedAt(UserModel user) {
        return Optional.ofNullable(read(user).enrolmentSkippedAt).map(Instant::ofEpochSecond);
    }

    /** The skip count kept in a state credential's secret data (JSON); 0 when unreadable. */
    public static int enrolmentSkipsIn(String secretData) {
        try {
            Data data = JsonSerialization.readValue(secretData, Data.class);
            return data == null || data.enrolmentSkips == null ? 0 : data.enrolmentSkips;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** How often the user skipped enrolment; 0 if never (or the state is unreadable). */
    public static int enrolmentSkips(UserModel user) {
        Integer skips = read(user).enrolmentSkips;
        return skips == null ? 0 : skips;
    }

    /** Whether the user was already reminded of this deadline. */
    public static boolean remindedOf(UserModel user, Instant deadline) {
        Long reminded = read(user).remindedOfDeadline;
        return reminded != null && reminded == deadline.getEpochSecond();
    }

    public static void recordReminder(UserModel user, Instant deadline) {
        Data data = read(user);
        data.remindedOfDeadline = deadline.getEpochSecond();
        save(user, data);
    }

    public static void recordEnrolmentSkip(UserModel user) {
        Data data = read(user);
        data.enrolmentSkippedAt = (long) Time.currentTime();
        data.enrolmentSkips = (data.enrolmentSkips == null ? 0 : data.enrolmentSkips) + 1;
        save(user, data);
    }

    /** The user's state credential: the oldest, should two first uses have raced. */
    private static Optional<CredentialModel> stored(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(CREDENTIAL_TYPE)
            .min(Comparator.comparing((CredentialModel c) -> c.getCreatedDate() == null ? 0L : c.getCreatedDate())
                .thenComparing(CredentialModel::getId));
    }

    /** Unreadable state reads as empty: no salt (browsers forgotten), no skip (enrolment offered) — the safe side. */
    private static Data read(UserModel user) {
        return stored(user).map(credential -> {
            try {
                Data data = JsonSerialization.readValue(credential.getSecretData(), Data.class);
                return data == null ? new Data() : data;
            } catch (IOException | RuntimeException e) {
                return new Data();
            }
        }).orElseGet(Data::new);
    }

    private static void save(UserModel user, Data data) {
        String json;
        try {
            json = JsonSerialization.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<CredentialModel> existing = stored(user);
        if (existing.isPresent()) {
            existing.get().setSecretData(json);
            user.credentialManager().updateStoredCredential(existing.get());
            return;
        }
        CredentialModel credential = new CredentialModel();
        credential.setType(CREDENTIAL_TYPE);
        credential.setUserLabel("Staff MFA state");
        credential.setCreatedDate(Time.currentTimeMillis());
        credential.setCredentialData("{}");
        credential.setSecretData(json);
        user.credentialManager().createStoredCredential(credential);
    }
}
