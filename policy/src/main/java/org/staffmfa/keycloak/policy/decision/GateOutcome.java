package org.staffmfa.keycloak.policy.decision;

/** What a gate does with a login. */
public enum GateOutcome {
    /** Mode off: through without a factor. */
    SKIP_MODE_OFF,
    /** Enforcement suspended realm-wide by an administrator: through without a factor, loudly. */
    SKIP_SUSPENDED,
    /** An exempt client or user: through without a factor. */
    SKIP_EXEMPT,
    /** The SSO session already passed a factor that counts here. */
    SSO_SESSION,
    /** A factor change, and the SSO session verified a factor recently enough. */
    STEP_UP_SATISFIED,
    /** A factor change: ask for a factor now, whatever remembered browsers or exemptions say. */
    STEP_UP_CHALLENGE,
    /** A remembered browser stands in for the factor. */
    REMEMBERED_BROWSER,
    /** Ask for one of the user's factors. */
    CHALLENGE,
    /** Password grant: check the app code sent with the request. */
    VERIFY_APP_CODE,
    /** Required mode, no factor: enrol now. */
    ENROL_REQUIRED,
    /** Allowed mode, no factor, the offer is due: enrol, or skip for now. */
    ENROL_OFFERED,
    /** Allowed mode, no factor, the offer is not due (or impossible): through without a factor. */
    SKIP_NOT_ENROLLED,
    /** Required mode, and no factor can be used or set up: refused (a configuration problem, not the user's). */
    FAIL_CLOSED,
    /** Password grant: a factor is needed, but none the grant can carry is set up. */
    REFUSE_NO_APP_CODE,
    /** Password grant: required mode and no factor at all: refused, set one up in a browser. */
    REFUSE_NOT_ENROLLED
}
