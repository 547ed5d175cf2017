package org.staffmfa.keycloak.factor.webauthn;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.logging.Logger;
import org.keycloak.WebAuthnConstants;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.utils.StringUtil;
import org.staffmfa.keycloak.factor.CredentialLabels;
import org.staffmfa.keycloak.factor.EnrolmentPage;
import org.staffmfa.keycloak.factor.EnrolmentStep;
import org.staffmfa.keycloak.factor.webauthn.WebAuthnForm;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;

/**
 * Registers a security key or passkey. The user names the key and answers the browser's dialog; Keycloak's
 * registration verifies the answer (challenge, origin, relying party, algorithms, user verification, attestation,
 * acceptable AAGUIDs, attachment) and stores the key. On top of that, on the server: the name is checked and made
 * unique, and a credential id the user already has is refused (Keycloak would store it twice). The realm's "Avoid
 * same authenticator registration" works as in Keycloak: the page hands the user's keys to the browser, and a key that
 * holds one of them declines to register again; the server cannot tell two credentials of one key apart.
 */
public final class WebAuthnEnrolmentStep implements EnrolmentStep {

    static final int MAX_LABEL_LENGTH = 64;
    static final String DEFAULT_LABEL = "Security key";
    /** Transport names ("usb,nfc") and attachment ("cross-platform") are short words. */
    private static final int MAX_WORDS_LENGTH = 200;
    private static final String TYPE = WebAuthnCredentialModel.TYPE_TWOFACTOR;
    /** The DOMException browsers raise when a key holds one of the excluded credentials (WebAuthn Level 2, 5.1.3). */
    private static final String ALREADY_REGISTERED_ERROR = "InvalidStateError";
    private static final Logger LOG = Logger.getLogger(WebAuthnEnrolmentStep.class);

    @Override
    public Factor factor() {
        return Factor.WEBAUTHN;
    }

    @Override
    public void show(RequiredActionContext context, EnrolmentPage view) {
        page(context, view, "", null);
    }

    @Override
    public boolean confirm(RequiredActionContext context, EnrolmentPage view) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String typed = form.getFirst(StaffMfaPages.FIELD_KEY_LABEL);
        String label = CredentialLabels.clean(typed, MAX_LABEL_LENGTH);
        if (label == null) {
            page(context, view, "", new FormMessage(StaffMfaPages.FIELD_KEY_LABEL, StaffMfaPages.INVALID_LABEL_MESSAGE));
            return false;
        }
        String browserError = form.getFirst(WebAuthnConstants.ERROR);
        if (browserError != null && browserError.startsWith(ALREADY_REGISTERED_ERROR)) {
            // The key holds one of the user's credentials the page listed, and declined to register again.
            page(context, view, label, new FormMessage(null, StaffMfaPages.KEY_ALREADY_REGISTERED_MESSAGE));
            return false;
        }
        if (StringUtil.isNotBlank(browserError) || !answerWellFormed(form)) {
            // Cancelled, timed out, unsupported browser, or the form was sent without the dialog.
            page(context, view, label, new FormMessage(null, StaffMfaPages.KEY_NOT_REGISTERED_MESSAGE));
            return false;
        }
        UserModel user = context.getUser();
        Set<String> before = keyIds(user);
        String uniqueLabel = CredentialLabels.unique(label.isEmpty() ? DEFAULT_LABEL : label, user, TYPE);
        if (!KeycloakWebAuthnRegistration.register(context, uniqueLabel)) {
            page(context, view, label, new FormMessage(null, StaffMfaPages.KEY_NOT_REGISTERED_MESSAGE));
            return false;
        }
        CredentialModel added = user.credentialManager().getStoredCredentialsByTypeStream(TYPE)
            .filter(credential -> !before.contains(credential.getId()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("Keycloak reported a registered key but stored none"));
        if (alreadyRegistered(user, added)) {
            user.credentialManager().removeStoredCredentialById(added.getId());
            LOG.debugf("Staff MFA: user %s tried to register a security key they already have", user.getUsername());
            page(context, view, label, new FormMessage(null, StaffMfaPages.KEY_ALREADY_REGISTERED_MESSAGE));
            return false;
        }
        return true;
    }

    private static boolean answerWellFormed(MultivaluedMap<String, String> form) {
        return WebAuthnForm.complete(form, WebAuthnForm.REGISTRATION_FIELDS)
            && WebAuthnForm.presentFieldsWellFormed(form, java.util.List.of(WebAuthnConstants.PUBLIC_KEY_CREDENTIAL_ID))
            && shortOrAbsent(form.getFirst(WebAuthnConstants.TRANSPORTS))
            && shortOrAbsent(form.getFirst(WebAuthnConstants.AUTHENTICATOR_ATTACHMENT));
    }

    private static boolean shortOrAbsent(String value) {
        return value == null || value.length() <= MAX_WORDS_LENGTH;
    }

    private static Set<String> keyIds(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).map(CredentialModel::getId)
            .collect(Collectors.toSet());
    }

    /** Another of the user's keys has the same WebAuthn credential id: the same authenticator, registered twice. */
    private static boolean alreadyRegistered(UserModel user, CredentialModel added) {
        String addedKey = credentialId(added);
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE)
            .filter(credential -> !credential.getId().equals(added.getId()))
            .anyMatch(credential -> addedKey.equals(credentialId(credential)));
    }

    private static String credentialId(CredentialModel credential) {
        return WebAuthnCredentialModel.createFromCredentialModel(credential).getWebAuthnCredentialData().getCredentialId();
    }

    /** The registration page with a fresh challenge, keeping the name the user typed. */
    private static void page(RequiredActionContext context, EnrolmentPage view, String label, FormMessage message) {
        KeycloakWebAuthnRegistration.prepare(context);
        context.challenge(view.step(context, StaffMfaPages.WEBAUTHN_REGISTER_TEMPLATE, Map.of("keyLabel", label), message));
    }
}
