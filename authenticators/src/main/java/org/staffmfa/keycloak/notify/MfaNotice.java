package org.staffmfa.keycloak.notify;

/**
 * The security notices a user gets by email. Each has its own subject and text ({@code staffMfaNoticeSubject-<id>},
 * {@code staffMfaNoticeText-<id>} in the theme's messages).
 */
public enum MfaNotice {

    /** The user set up a second factor (enrolment, account console, application-initiated action). */
    FACTOR_ADDED("factor-added"),
    /** The user removed one of their second factors. */
    FACTOR_REMOVED("factor-removed"),
    /** An MFA administrator removed one of the user's second factors. */
    FACTOR_REMOVED_BY_ADMIN("factor-removed-by-admin"),
    /** An MFA administrator exempted the user from the second factor. */
    EXEMPTION_GRANTED("exemption-granted");

    private final String id;

    MfaNotice(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
