package org.staffmfa.keycloak.session;

/** Names of the notes the extension keeps in authentication and user sessions (cluster-wide, never in memory). */
public final class MfaNotes {

    /**
     * Auth session: set whenever a Staff MFA gate decided this login (factor passed, skipped for a reason, enrolment
     * started). A login that reaches the required actions without it went through a flow without the gate.
     */
    public static final String GATE_DECIDED = "staff-mfa.gate-decided";

    /** Auth session: the factor whose page the gate shows. */
    public static final String SELECTED_FACTOR = "staff-mfa.selected-factor";
    /**
     * Auth session: why the enrolment action was added: {@code required}, {@code offered}, or
     * {@value #ENROLMENT_UNCHECKED} (the login bypassed the gate and must be refused).
     */
    public static final String ENROLMENT_REASON = "staff-mfa.enrolment";
    public static final String ENROLMENT_UNCHECKED = "unchecked";
    /** Enrolment reason: the user signed in with a recovery code and is offered a new factor (may decline). */
    public static final String ENROLMENT_AFTER_RECOVERY_CODE = "after-recovery-code";
    /**
     * Enrolment reason: the user passed a factor but has an authenticator app weaker than the group's minimum
     * algorithm, and must set up a new one (no skip); the weak apps are removed once it is confirmed.
     */
    public static final String ENROLMENT_REPLACE_APP = "replace-app";
    /** Event detail value: weak apps removed because the login's code came from a strong enough app already set up. */
    public static final String ENROLMENT_STRONG_APP_USED = "strong-app-used";
    /** Auth session: recovery codes left after the one used in this login. */
    public static final String RECOVERY_CODES_LEFT = "staff-mfa.recovery-codes-left";
    /**
     * Auth session: set once the first factor is confirmed and recovery codes are being offered; holds the factor
     * just enrolled (the codes themselves are in {@link #ENROLMENT_RECOVERY_CODES}).
     */
    public static final String ENROLMENT_FOLLOW_UP = "staff-mfa.enrolment-follow-up";
    /** Auth session: the browser was remembered when the first factor was confirmed (for the login event). */
    public static final String ENROLMENT_REMEMBERED = "staff-mfa.enrolment-remembered";
    /** Auth session: the recovery codes shown on the page, until the user confirms they saved them. */
    public static final String ENROLMENT_RECOVERY_CODES = "staff-mfa.enrolment-recovery-codes";

    /** Auth session: the factor chosen in the enrolment chooser. */
    public static final String ENROLMENT_FACTOR = "staff-mfa.enrolment-factor";
    /** Auth session: the base32 secret shown during TOTP enrolment; never sent back by the browser. */
    public static final String ENROLMENT_TOTP_SECRET = "staff-mfa.enrolment-totp-secret";

    /**
     * User session: one note per exemption that let a login of the session through without a second factor, named
     * {@code staff-mfa.exemption.user:<credential id>} or {@code ….client:<client id>}, so that a later exempt login in
     * the same SSO session does not overwrite an earlier one; the session ends when any of them is revoked or expires.
     */
    public static String exemption(String source) {
        return "staff-mfa.exemption." + source;
    }

    /**
     * User session: a login of the session passed with the password alone while enforcement was suspended; the session
     * ends with the suspension unless a factor was verified in it since.
     */
    public static final String LET_IN_BY_SUSPENSION = "staff-mfa.suspension";

    /** User session: why no factor was asked in this session (mode-off, remembered-browser, ...). */
    public static final String SKIP_REASON = "staff-mfa.skip-reason";

    /**
     * User session: the factor passed in this session, and when (epoch seconds). After a remembered browser, the
     * factor and time of the login that set the cookie.
     */
    public static final String PASSED_FACTOR = "staff-mfa.factor";
    public static final String PASSED_AT = "staff-mfa.factor-at";

    /**
     * User session: when a second factor was last really verified in this session (epoch seconds). Unlike
     * {@link #PASSED_AT}, never set by a remembered browser: it is what "fresh enough to change factors" reads.
     */
    public static final String VERIFIED_AT = "staff-mfa.verified-at";

    private MfaNotes() {
    }
}
