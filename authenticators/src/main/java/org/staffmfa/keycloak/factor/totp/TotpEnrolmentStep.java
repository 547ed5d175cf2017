package org.staffmfa.keycloak.factor.totp;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.OTPPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.Base32;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.factor.CredentialLabels;
import org.staffmfa.keycloak.factor.EnrolmentPage;
import org.staffmfa.keycloak.factor.EnrolmentStep;
import org.staffmfa.keycloak.factor.totp.OtpCredentials;
import org.staffmfa.keycloak.factor.totp.OtpReplayGuard;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.otp.OtpAuthUri;
import org.staffmfa.keycloak.otp.OtpMatcher;
import org.staffmfa.keycloak.otp.OtpSecret;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.session.MfaNotes;

/**
 * Sets up an authenticator app: a fresh secret (kept in the authentication session, never in the page's form) as QR
 * code and text, then a code from the app to prove it works before the credential exists. TOTP or HOTP, digits,
 * period and look-around follow the realm's OTP policy, the algorithm too unless the user's groups ask for a stronger
 * one ({@code totpMinAlgorithm}); issuer, account label and secret length come from the action's settings.
 */
public final class TotpEnrolmentStep implements EnrolmentStep {

    static final int QR_SIZE = 246;
    static final int MAX_LABEL_LENGTH = 64;
    static final String DEFAULT_LABEL = "Authenticator app";

    private final SecureRandom random = new SecureRandom();

    @Override
    public Factor factor() {
        return Factor.TOTP;
    }

    @Override
    public void show(RequiredActionContext context, EnrolmentPage view) {
        context.challenge(view.step(context, StaffMfaPages.TOTP_SETUP_TEMPLATE, attributes(context, view), null));
    }

    @Override
    public boolean confirm(RequiredActionContext context, EnrolmentPage view) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String secret = secret(context);
        OTPPolicy policy = context.getRealm().getOTPPolicy();
        UserModel user = context.getUser();

        String label = CredentialLabels.clean(form.getFirst(StaffMfaPages.FIELD_LABEL), MAX_LABEL_LENGTH);
        if (label == null) {
            showError(context, view, StaffMfaPages.FIELD_LABEL, StaffMfaPages.INVALID_LABEL_MESSAGE);
            return false;
        }
        String code = form.getFirst(StaffMfaPages.FIELD_CODE);
        OtpAlgorithm algorithm = OtpCredentials.algorithmFor(policy, view.appMinAlgorithm());
        OptionalLong matched = match(policy, algorithm, secret, code);
        if (matched.isEmpty()) {
            showError(context, view, StaffMfaPages.FIELD_CODE, StaffMfaPages.INVALID_CODE_MESSAGE);
            return false;
        }

        String uniqueLabel = CredentialLabels.unique(label.isEmpty() ? DEFAULT_LABEL : label, user, OTPCredentialModel.TYPE);
        CredentialModel credential = OtpCredentials.create(context.getSession(), user, policy, algorithm, secret,
            matched.getAsLong() + 1,
            uniqueLabel);
        if (!isHotp(policy)) {
            // The code that confirmed the app must not log anyone in afterwards.
            OtpReplayGuard.firstUseOfTotp(context.getSession(), context.getRealm(), credential.getId(), code, policy.getPeriod(),
                policy.getLookAheadWindow());
        }
        context.getAuthenticationSession().removeAuthNote(MfaNotes.ENROLMENT_TOTP_SECRET);
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL)
            .detail(Details.CREDENTIAL_TYPE, OTPCredentialModel.TYPE)
            .detail(Details.CREDENTIAL_ID, credential.getId())
            .success();
        return true;
    }

    private void showError(RequiredActionContext context, EnrolmentPage view, String field, String messageKey) {
        context.challenge(view.step(context, StaffMfaPages.TOTP_SETUP_TEMPLATE, attributes(context, view),
            new FormMessage(field, messageKey)));
    }

    private static OptionalLong match(OTPPolicy policy, OtpAlgorithm algorithm, String secret, String code) {
        byte[] key = Base32.decode(secret);
        int window = Math.max(0, policy.getLookAheadWindow());
        return isHotp(policy)
            ? OtpMatcher.matchCounter(code, key, algorithm, policy.getDigits(), policy.getInitialCounter(), window)
            : OtpMatcher.matchTimeStep(code, key, algorithm, policy.getDigits(), Time.currentTime(),
                policy.getPeriod(), window);
    }

    private Map<String, Object> attributes(RequiredActionContext context, EnrolmentPage view) {
        RealmModel realm = context.getRealm();
        OTPPolicy policy = realm.getOTPPolicy();
        TotpEnrolmentConfig config = new TotpEnrolmentConfig(context.getConfig());
        String secret = secret(context);
        OtpAlgorithm algorithm = OtpCredentials.algorithmFor(policy, view.appMinAlgorithm());
        String issuer = config.totpIssuer(realm);
        String account = config.totpAccount(context.getUser());
        String uri = isHotp(policy)
            ? OtpAuthUri.hotp(issuer, account, secret, algorithm, policy.getDigits(), policy.getInitialCounter())
            : OtpAuthUri.totp(issuer, account, secret, algorithm, policy.getDigits(), policy.getPeriod());

        Map<String, Object> attributes = new HashMap<>();
        attributes.put("qrCode", qrCode(uri));
        attributes.put("secret", OtpSecret.grouped(secret));
        attributes.put("issuer", issuer);
        attributes.put("account", account);
        attributes.put("type", isHotp(policy) ? OTPCredentialModel.HOTP : OTPCredentialModel.TOTP);
        attributes.put("algorithm", algorithm.uriName());
        attributes.put("digits", policy.getDigits());
        attributes.put("period", policy.getPeriod());
        attributes.put("counter", policy.getInitialCounter());
        return attributes;
    }

    /** One secret per enrolment attempt: made on first display, kept until confirmed. */
    private String secret(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String secret = authSession.getAuthNote(MfaNotes.ENROLMENT_TOTP_SECRET);
        if (secret == null) {
            secret = OtpSecret.generateBase32(random, new TotpEnrolmentConfig(context.getConfig()).totpSecretLength());
            authSession.setAuthNote(MfaNotes.ENROLMENT_TOTP_SECRET, secret);
        }
        return secret;
    }

    private static String qrCode(String uri) {
        return QrCodeImage.pngBase64(uri, QR_SIZE);
    }

    private static boolean isHotp(OTPPolicy policy) {
        return OTPCredentialModel.HOTP.equals(policy.getType());
    }
}
