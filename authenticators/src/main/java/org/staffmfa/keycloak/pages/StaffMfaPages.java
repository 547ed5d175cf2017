package org.staffmfa.keycloak.pages;

/**
 * Templates, form fields and message keys of the extension's pages. The templates and English/German messages are
 * theme resources in the provider JAR ({@code theme-resources/}), so they work with any login theme that extends
 * Keycloak's; a theme can override each template by shipping a file of the same name.
 */
public final class StaffMfaPages {

    /** Enter a code of the selected factor; offers the user's other factors. */
    public static final String CODE_TEMPLATE = "staff-mfa-code.ftl";
    /** Choose a factor to enrol; "Skip for now" in allowed mode. */
    public static final String ENROL_CHOOSER_TEMPLATE = "staff-mfa-enrol.ftl";
    /** QR code, secret and confirmation code for an authenticator app. */
    public static final String TOTP_SETUP_TEMPLATE = "staff-mfa-totp-setup.ftl";

    /** "Forget this browser", outside any login. */
    public static final String FORGET_BROWSER_TEMPLATE = "staff-mfa-forget-browser.ftl";

    /** The FreeMarker attribute that carries the page's data. */
    public static final String PAGE_ATTRIBUTE = "staffMfa";

    public static final String FIELD_CODE = "code";
    public static final String FIELD_LABEL = "label";
    /** Button value: switch to another factor (gate) or choose one to enrol (chooser). */
    public static final String FIELD_FACTOR = "factor";
    public static final String FIELD_SKIP = "skip";
    public static final String FIELD_BACK = "back";
    /** Button: send the same code again. */
    public static final String FIELD_RESEND = "resend";
    /** Button: the code is void or expired, send a new one. */
    public static final String FIELD_NEW_CODE = "new-code";
    /** Email address or phone number typed during enrolment. */
    public static final String FIELD_TARGET = "target";
    /** Button: enter another address or number during enrolment. */
    public static final String FIELD_CHANGE_TARGET = "change";

    public static final String INVALID_CODE_MESSAGE = "staffMfaInvalidCodeMessage";
    /** An app's stored secret cannot be opened on this server (its key is missing): use another factor. */
    public static final String SECRET_UNREADABLE_MESSAGE = "staffMfaSecretUnreadableMessage";
    public static final String NOT_AVAILABLE_MESSAGE = "staffMfaNotAvailableMessage";
    public static final String SKIP_NOT_ALLOWED_MESSAGE = "staffMfaSkipNotAllowedMessage";
    public static final String FACTOR_NOT_OFFERED_MESSAGE = "staffMfaFactorNotOfferedMessage";
    public static final String INVALID_LABEL_MESSAGE = "staffMfaInvalidLabelMessage";
    public static final String CODE_VOID_MESSAGE = "staffMfaCodeVoidMessage";
    public static final String CODE_EXPIRED_MESSAGE = "staffMfaCodeExpiredMessage";
    public static final String CODE_SENT_AGAIN_MESSAGE = "staffMfaCodeSentAgainMessage";
    public static final String RESEND_TOO_SOON_MESSAGE = "staffMfaResendTooSoonMessage";
    public static final String RESEND_LIMIT_MESSAGE = "staffMfaResendLimitMessage";
    public static final String TOO_MANY_MESSAGES_MESSAGE = "staffMfaTooManyMessagesMessage";
    public static final String SEND_FAILED_MESSAGE = "staffMfaSendFailedMessage";
    public static final String INVALID_EMAIL_MESSAGE = "staffMfaInvalidEmailMessage";
    public static final String INVALID_PHONE_MESSAGE = "staffMfaInvalidPhoneMessage";

    /** Use a security key during login. */
    public static final String WEBAUTHN_TEMPLATE = "staff-mfa-webauthn.ftl";
    /** Register a security key during enrolment. */
    public static final String WEBAUTHN_REGISTER_TEMPLATE = "staff-mfa-webauthn-register.ftl";
    /** Save the recovery codes shown once. */
    public static final String RECOVERY_CODES_TEMPLATE = "staff-mfa-recovery-codes.ftl";

    public static final String KEY_REJECTED_MESSAGE = "staffMfaKeyRejectedMessage";
    public static final String KEY_NOT_USED_MESSAGE = "staffMfaKeyNotUsedMessage";
    public static final String KEY_NOT_REGISTERED_MESSAGE = "staffMfaKeyNotRegisteredMessage";
    public static final String KEY_ALREADY_REGISTERED_MESSAGE = "staffMfaKeyAlreadyRegisteredMessage";
    public static final String INVALID_RECOVERY_CODE_MESSAGE = "staffMfaInvalidRecoveryCodeMessage";
    public static final String CONFIRM_CODES_SAVED_MESSAGE = "staffMfaConfirmCodesSavedMessage";

    /** Checkbox on the recovery codes page: "I have saved these codes". */
    public static final String FIELD_CODES_SAVED = "saved";
    /** Button on the recovery codes page after the first factor: save them another time. */
    public static final String FIELD_LATER = "later";
    /** Name of a new security key; the field name Keycloak's registration reads. */
    public static final String FIELD_KEY_LABEL = "authenticatorLabel";

    /** Enter an email address or phone number, then the code sent there. */
    public static final String CONTACT_SETUP_TEMPLATE = "staff-mfa-contact-setup.ftl";

    private StaffMfaPages() {
    }
}
