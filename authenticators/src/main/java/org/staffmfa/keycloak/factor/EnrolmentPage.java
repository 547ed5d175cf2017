package org.staffmfa.keycloak.factor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.policy.RememberOffer;

/**
 * What every enrolment page knows: the factors on offer, whether "Skip for now" is allowed, and whether the browser
 * may be remembered once the new factor is confirmed. After a login with a recovery code the page also says how many
 * codes are left; after the first factor, whether the recovery codes page is a follow-up the user may postpone.
 */
public final class EnrolmentPage {

    private final List<Factor> offered;
    private final boolean skipAllowed;
    private final RememberOffer remember;
    private final Integer recoveryCodesLeft;
    private final boolean followUp;
    /** Sentences about how long the user may still skip: message key, then its arguments. */
    private List<List<String>> skipNotes = List.of();
    /** The weakest algorithm a new authenticator app may use (the user's groups' {@code totpMinAlgorithm}). */
    private OtpAlgorithm appMinAlgorithm = OtpAlgorithm.SHA1;
    /** The algorithm of the app being replaced, when the user must replace a weak one; null otherwise. */
    private OtpAlgorithm replacing;

    /**
     * @param recoveryCodesLeft codes left after the one used in this login, or null when no recovery code was used
     * @param followUp          recovery codes are offered after the first factor was confirmed
     */
    public EnrolmentPage(List<Factor> offered, boolean skipAllowed, RememberOffer remember, Integer recoveryCodesLeft,
                  boolean followUp) {
        this.offered = List.copyOf(offered);
        this.skipAllowed = skipAllowed;
        this.remember = remember;
        this.recoveryCodesLeft = recoveryCodesLeft;
        this.followUp = followUp;
    }

    /** The user signed in with a recovery code: a new factor is suggested, not required. */
    public boolean afterRecoveryCode() {
        return recoveryCodesLeft != null;
    }

    public int recoveryCodesLeft() {
        return recoveryCodesLeft == null ? 0 : recoveryCodesLeft;
    }

    /** The same view for the recovery codes page that follows a newly confirmed first factor. */
    public EnrolmentPage asFollowUp() {
        return new EnrolmentPage(offered, skipAllowed, remember.withheld(), recoveryCodesLeft, true)
            .withApps(appMinAlgorithm, replacing);
    }

    /**
     * @param minimum   the weakest algorithm a new app may use
     * @param replacing the algorithm of the weak app this enrolment replaces, or null
     */
    public EnrolmentPage withApps(OtpAlgorithm minimum, OtpAlgorithm replacing) {
        this.appMinAlgorithm = minimum;
        this.replacing = replacing;
        return this;
    }

    public OtpAlgorithm appMinAlgorithm() {
        return appMinAlgorithm;
    }

    /** The user is replacing a weak authenticator app (the page says why). */
    public boolean replacingApp() {
        return replacing != null;
    }

    public RememberOffer remember() {
        return remember;
    }

    public List<Factor> offered() {
        return offered;
    }

    public boolean skipAllowed() {
        return skipAllowed;
    }

    /**
     * Adds what the page says about skipping (an enrolment deadline), each sentence as its message key followed by
     * the message's arguments.
     */
    public EnrolmentPage withSkipNotes(List<List<String>> notes) {
        this.skipNotes = List.copyOf(notes);
        return this;
    }

    public Response chooser(RequiredActionContext context, String errorKey) {
        LoginFormsProvider form = form(context, Map.of());
        if (errorKey != null) {
            form.setError(errorKey);
        }
        return form.createForm(StaffMfaPages.ENROL_CHOOSER_TEMPLATE);
    }

    /** A step's page: the common attributes plus the step's own, and optionally an error under one field. */
    public Response step(RequiredActionContext context, String template, Map<String, Object> attributes, FormMessage error) {
        return form(context, attributes, error).createForm(template);
    }

    /** A step's form, to add messages to before rendering. */
    public LoginFormsProvider form(RequiredActionContext context, Map<String, Object> attributes, FormMessage error) {
        LoginFormsProvider form = form(context, attributes);
        if (error != null) {
            form.addError(error);
        }
        return form;
    }

    private LoginFormsProvider form(RequiredActionContext context, Map<String, Object> extra) {
        Map<String, Object> page = new HashMap<>(remember.pageAttributes());
        page.putAll(extra);
        page.put("factors", offered.stream().map(Factor::id).toList());
        page.put("canSkip", skipAllowed);
        page.put("skipNotes", skipAllowed ? skipNotes : List.of());
        page.put("afterRecoveryCode", afterRecoveryCode());
        page.put("recoveryCodesLeft", recoveryCodesLeft());
        page.put("followUp", followUp);
        if (replacing != null) {
            page.put("replaceApp", replacing.uriName());
        }
        // A user who can choose nothing else and cannot skip has no page to go back to.
        page.put("canGoBack", offered.size() > 1 || skipAllowed);
        return context.form().setAttribute(StaffMfaPages.PAGE_ATTRIBUTE, page);
    }
}
