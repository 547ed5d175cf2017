package org.staffmfa.keycloak.mfa;

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

    public static final String INVALID_CODE_MESSAGE = "staffMfaInvalidCodeMessage";
    public static final String NOT_AVAILABLE_MESSAGE = "staffMfaNotAvailableMessage";
    public static final String SKIP_NOT_ALLOWED_MESSAGE = "staffMfaSkipNotAllowedMessage";
    public static final String FACTOR_NOT_OFFERED_MESSAGE = "staffMfaFactorNotOfferedMessage";
    public static final String INVALID_LABEL_MESSAGE = "staffMfaInvalidLabelMessage";

    private StaffMfaPages() {
    }
}
