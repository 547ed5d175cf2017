package org.staffmfa.keycloak.policy;

/**
 * Names of the attributes that hold the MFA policy. Group attributes are set per group (admin console: Groups → group →
 * Attributes); the realm defaults are realm attributes and apply to users whom no group gives a mode.
 */
public final class PolicyAttributes {

    /** {@code off}, {@code allowed} or {@code required}. */
    public static final String MODE = "staff-mfa.mode";
    /** Comma-separated factor ids, e.g. {@code totp, webauthn}. */
    public static final String FACTORS = "staff-mfa.factors";
    /** Seconds ({@code 43200}) or an ISO-8601 duration ({@code PT12H}); 0 asks at every login. */
    public static final String RECHECK_INTERVAL = "staff-mfa.recheck-interval";

    /** Enrolment deadline: after this ISO-8601 date and time, users without a factor may no longer skip. */
    public static final String ENROL_BY = "staff-mfa.enrol-by";
    /** Enrolment deadline: after this many skips, users without a factor may no longer skip. */
    public static final String MAX_SKIPS = "staff-mfa.max-skips";
    /** Required mode: until this ISO-8601 date and time, users without a factor may still skip. */
    public static final String GRACE_UNTIL = "staff-mfa.grace-until";

    /**
     * Reminder mails: this many days before a member's enrolment deadline (or grace's end), members without a factor
     * get one mail. Read from the group that sets it, for its members and its subgroups' members; off when unset.
     */
    public static final String REMIND_DAYS_BEFORE = "staff-mfa.remind-days-before";

    /**
     * The weakest HMAC algorithm an authenticator app may use ({@code SHA1} by default, {@code SHA256}, {@code SHA512}):
     * members whose apps use a weaker one set up a new app at their next login that asks for a factor.
     */
    public static final String TOTP_MIN_ALGORITHM = "staff-mfa.totp-min-algorithm";

    /** {@code offer} (default), {@code never} or {@code always}; also a client attribute. */
    public static final String REMEMBER_BROWSER = "staff-mfa.remember-browser";

    public static final String DEFAULT_MODE = "staff-mfa.default-mode";
    public static final String DEFAULT_FACTORS = "staff-mfa.default-factors";
    public static final String DEFAULT_RECHECK_INTERVAL = "staff-mfa.default-recheck-interval";
    public static final String DEFAULT_REMEMBER_BROWSER = "staff-mfa.default-remember-browser";
    /** Realm cap on every recheck interval; default 30 days. */
    public static final String MAX_RECHECK_INTERVAL = "staff-mfa.max-recheck-interval";

    /**
     * Emergency switch: factors switched off realm-wide (comma-separated ids), e.g. {@code sms} while its gateway
     * account is compromised. No policy allows them while they are listed. Written through the MFA admin API.
     */
    public static final String DISABLED_FACTORS = "staff-mfa.emergency.disabled-factors";

    /** Where a value came from when no group assigned it. */
    public static final String REALM_DEFAULT_SOURCE = "realm default";

    private PolicyAttributes() {
    }
}
