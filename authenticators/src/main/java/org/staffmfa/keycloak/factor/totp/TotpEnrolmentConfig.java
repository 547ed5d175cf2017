package org.staffmfa.keycloak.factor.totp;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.otp.OtpSecret;

/**
 * The enrolment action's settings (admin console: Authentication → Required actions → "Staff MFA: enrol a second
 * factor" → gear), read with their defaults. Type, algorithm, digits, period and look-around of authenticator-app
 * codes are the realm's OTP policy (Authentication → Policies → OTP Policy).
 */
public final class TotpEnrolmentConfig {

    public static final String TOTP_ISSUER = "totp-issuer";
    public static final String TOTP_LABEL_ATTRIBUTE = "totp-label-attribute";
    public static final String TOTP_SECRET_LENGTH = "totp-secret-length";

    public static final String LABEL_USERNAME = "username";
    static final String LABEL_ID = "id";
    static final String LABEL_EMAIL = "email";
    public static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    public static final int MAX_ISSUER_LENGTH = 100;

    private final Optional<RequiredActionConfigModel> config;

    TotpEnrolmentConfig(RequiredActionConfigModel config) {
        this.config = Optional.ofNullable(config);
    }

    /** Shown by the app above the code; default: the realm's display name, else its name. */
    String totpIssuer(RealmModel realm) {
        return value(TOTP_ISSUER)
            .orElseGet(() -> realm.getDisplayName() != null && !realm.getDisplayName().isBlank()
                ? realm.getDisplayName() : realm.getName());
    }

    /** The account name in the app; {@code id} is the stable choice Evergreen and RFC 6238 recommend. */
    String totpAccount(UserModel user) {
        String attribute = value(TOTP_LABEL_ATTRIBUTE).orElse(LABEL_USERNAME).toLowerCase(Locale.ROOT);
        String account = switch (attribute) {
            case LABEL_USERNAME -> user.getUsername();
            case LABEL_ID -> user.getId();
            case LABEL_EMAIL -> user.getEmail();
            default -> user.getFirstAttribute(value(TOTP_LABEL_ATTRIBUTE).orElseThrow());
        };
        return account == null || account.isBlank() ? user.getUsername() : account;
    }

    /** Bytes of the shared secret; 20 by default, 16 to 64. */
    int totpSecretLength() {
        return value(TOTP_SECRET_LENGTH).map(Integer::parseInt).orElse(OtpSecret.DEFAULT_LENGTH);
    }

    private Optional<String> value(String key) {
        return config.map(c -> c.getConfigValue(key)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
