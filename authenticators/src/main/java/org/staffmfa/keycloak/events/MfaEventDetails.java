package org.staffmfa.keycloak.events;

/** Details the extension adds to Keycloak's login events, so that audits can see how MFA went. */
public final class MfaEventDetails {

    /** The user's effective mode: off, allowed, required. */
    public static final String MODE = "mfa_mode";
    /** The factor the user passed, e.g. {@code totp}. */
    public static final String FACTOR = "mfa_factor";
    /** Why no factor was asked for; one of the {@code SKIP_*} values. */
    public static final String SKIP_REASON = "mfa_skip_reason";
    /** Enrolment of a factor in this login: {@code offered}, {@code required}, {@code skipped}, or the factor enrolled. */
    public static final String ENROLMENT = "mfa_enrolment";
    /** Why a code was refused, for administrators only (users see one generic message). */
    public static final String FAILURE = "mfa_failure";

    /** Why a factor was asked although the session might not have needed one. */
    public static final String STEP_UP = "mfa_step_up";
    /** The login adds or removes a factor (application-initiated action) and needs a fresh factor first. */
    public static final String STEP_UP_FACTOR_CHANGE = "factor-change";
    public static final String SKIP_MODE_OFF = "mode-off";
    public static final String SKIP_NOT_ENROLLED = "not-enrolled";
    public static final String SKIP_ENROLMENT_SKIPPED = "enrolment-skipped";
    /** The client, or the user for this client, is exempt. */
    public static final String SKIP_EXEMPT_CLIENT = "exempt-client";
    public static final String SKIP_EXEMPT_USER = "exempt-user";
    /** An administrator suspended enforcement realm-wide (emergency switch): the password alone let the user in. */
    public static final String SKIP_ENFORCEMENT_SUSPENDED = "enforcement-suspended";
    /** With {@link #SKIP_ENFORCEMENT_SUSPENDED}: when the suspension ends (ISO-8601, UTC). */
    public static final String SUSPENDED_UNTIL = "mfa_suspended_until";
    /** The browser's SSO session already passed a second factor. */
    public static final String SKIP_SSO_SESSION = "sso-session";
    /** MFA satisfied by a browser remembered within the recheck interval. */
    public static final String SKIP_REMEMBERED_BROWSER = "remembered-browser";
    /** Set on the login that made the browser remembered. */
    public static final String REMEMBERED = "mfa_remember_browser";

    public static final String FAILURE_WRONG_CODE = "wrong-code";
    public static final String FAILURE_REUSED_CODE = "code-already-used";
    /** A factor's stored secret could not be opened: the key it was sealed with is not configured on this server. */
    public static final String FAILURE_SECRET_UNREADABLE = "secret-unreadable";
    /** The id of that key (never anything of the secret). */
    public static final String SECRET_KEY_ID = "mfa_secret_key_id";
    public static final String FAILURE_LOCKED = "locked-by-brute-force-protection";
    public static final String FAILURE_CODE_VOID = "code-void-after-too-many-attempts";
    public static final String FAILURE_CODE_EXPIRED = "code-expired";
    /** The security key's answer did not verify (wrong or unknown key, replayed or tampered assertion). */
    public static final String FAILURE_KEY_REJECTED = "security-key-rejected";
    /** The browser reported that no security key was used (cancelled, timed out, not supported). */
    public static final String FAILURE_KEY_NOT_USED = "security-key-not-used";
    /** Event detail on the enrolment: recovery codes {@code saved} or {@code postponed} after the first factor. */
    public static final String RECOVERY_CODES = "mfa_recovery_codes";
    /** Event detail: recovery codes left after a login with one. */
    public static final String RECOVERY_CODES_LEFT = "mfa_recovery_codes_left";

    private MfaEventDetails() {
    }
}
