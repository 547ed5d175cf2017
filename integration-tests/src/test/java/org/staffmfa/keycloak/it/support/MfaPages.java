package org.staffmfa.keycloak.it.support;

/**
 * Page objects for the extension's login pages, found by the ids the templates give their forms.
 */
public final class MfaPages {

    public static final String LOGIN_FORM = "#kc-form-login";
    public static final String CODE_FORM = "#staff-mfa-code-form";
    public static final String OTHER_FACTORS_FORM = "#staff-mfa-other-factors";
    public static final String ENROL_FORM = "#staff-mfa-enrol-form";
    public static final String TOTP_SETUP_FORM = "#staff-mfa-totp-form";
    public static final String BACK_FORM = "#staff-mfa-back-form";
    public static final String RECOVERY_CODES_FORM = "#staff-mfa-recovery-codes-form";
    public static final String LATER_FORM = "#staff-mfa-later-form";

    private MfaPages() {
    }

    /** The code page's field error for a wrong code (any factor but recovery codes). */
    public static final String WRONG_CODE = "Invalid code. Please try again.";
    /** The field error once an email or SMS code has had its wrong entries. */
    public static final String VOID_CODE =
        "This code can no longer be used after too many wrong entries. Please have a new code sent.";

    /** Where the demo's evergreen-staff client sends users back to; nothing listens there. */
    public static final String EVERGREEN_REDIRECT = "http://localhost:8081/evergreen/callback";

    /** Opens the evergreen-staff login of the realm and submits username and password. */
    public static HtmlPage passwordStep(WebClient web, DemoRealm realm, String username, String password) {
        return login(web, web.get(OidcClient.evergreenStaff(realm).authorizationUrl(EVERGREEN_REDIRECT)), username, password);
    }

    public static HtmlPage login(WebClient web, HtmlPage loginPage, String username, String password) {
        return web.submit(loginPage.form(LOGIN_FORM).set("username", username).set("password", password));
    }

    public static boolean isCodePage(HtmlPage page) {
        return page.has(CODE_FORM);
    }

    public static boolean isEnrolChooser(HtmlPage page) {
        return page.has(ENROL_FORM);
    }

    public static boolean isTotpSetup(HtmlPage page) {
        return page.has(TOTP_SETUP_FORM);
    }

    /** Enrolment has begun: the chooser, or a factor's setup page when there is nothing to choose. */
    public static boolean isEnrolmentStart(HtmlPage page) {
        return isEnrolChooser(page) || isTotpSetup(page) || page.has("#staff-mfa-target-form");
    }

    /** From the chooser (or the setup page itself) to the authenticator-app setup page. */
    public static HtmlPage totpSetup(WebClient web, HtmlPage page) {
        HtmlPage setup = isEnrolChooser(page) ? web.submit(page.form(ENROL_FORM).set("factor", "totp")) : page;
        if (!isTotpSetup(setup)) {
            throw new AssertionError("Not the authenticator-app setup page: " + setup.text());
        }
        return setup;
    }

    /**
     * The login's current page, as a reload shows it: Keycloak accepts each form once (its {@code session_code}), so
     * after requests sent in parallel the forms of older pages no longer count as answers.
     */
    public static HtmlPage reload(WebClient web, HtmlPage page) {
        String action = page.form(CODE_FORM).action().toString();
        return web.get(action.replaceAll("([?&])session_code=[^&]*&?", "$1"));
    }

    public static HtmlPage enterCode(WebClient web, HtmlPage codePage, String code) {
        return web.submit(codePage.form(CODE_FORM).set("code", code));
    }

    /** The secret the setup page shows as text, without the grouping spaces. */
    public static String totpSecret(HtmlPage setupPage) {
        return setupPage.text("#staff-mfa-totp-secret").replace(" ", "");
    }

    public static HtmlPage confirmTotp(WebClient web, HtmlPage setupPage, String code, String label) {
        return web.submit(setupPage.form(TOTP_SETUP_FORM).set("code", code).set("label", label));
    }

    /** The page that hands out recovery codes (after the first factor, or chosen after a recovery-code login). */
    public static boolean isRecoveryCodesPage(HtmlPage page) {
        return page.has(RECOVERY_CODES_FORM);
    }

    /**
     * After enrolling a first factor in a group that allows recovery codes, the codes are offered: "Not now". Fails
     * when the offer is not shown, so tests notice if it goes missing.
     */
    public static HtmlPage postponeRecoveryCodes(WebClient web, HtmlPage offer) {
        if (!isRecoveryCodesPage(offer) || !offer.has(LATER_FORM)) {
            throw new AssertionError("Recovery codes were not offered: " + offer.text());
        }
        return web.submit(offer.form(LATER_FORM).press("later"));
    }

    /** The codes as shown, e.g. {@code ABCD-EFGH-JKLM}, in list order (code 1 first). */
    public static java.util.List<String> recoveryCodes(HtmlPage page) {
        return page.document().select("#staff-mfa-recovery-codes li").eachText();
    }

    /** Ticks "I have saved these codes" and continues. */
    public static HtmlPage saveRecoveryCodes(WebClient web, HtmlPage page) {
        return web.submit(page.form(RECOVERY_CODES_FORM).set("saved", "on"));
    }

    public static HtmlPage skipEnrolment(WebClient web, HtmlPage chooser) {
        return web.submit(chooser.form(ENROL_FORM).press("skip"));
    }

    /**
     * For tests about something else than enrolment: skips the offer if it is shown (it is not shown again within the
     * recheck interval after an earlier skip in the same realm).
     */
    public static HtmlPage skipEnrolmentIfOffered(WebClient web, HtmlPage page) {
        return isEnrolChooser(page) ? skipEnrolment(web, page) : page;
    }

    /** The message Keycloak shows under a field, e.g. {@code code}. */
    public static String fieldError(HtmlPage page, String field) {
        return page.text("#input-error-" + field);
    }

    /** The page-level alert (e.g. "skip not allowed"). */
    public static String alert(HtmlPage page) {
        return page.text(".kc-feedback-text");
    }
}
