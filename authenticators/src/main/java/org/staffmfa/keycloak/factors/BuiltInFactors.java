package org.staffmfa.keycloak.factors;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.common.Profile;
import org.staffmfa.keycloak.factor.EnrolmentStep;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.factor.FactorChallenge;
import org.staffmfa.keycloak.factor.FactorDefinition;
import org.staffmfa.keycloak.factor.codes.Channel;
import org.staffmfa.keycloak.factor.codes.CodeChallenge;
import org.staffmfa.keycloak.factor.codes.CodeDelivery;
import org.staffmfa.keycloak.factor.codes.ContactEnrolmentStep;
import org.staffmfa.keycloak.factor.recovery.RecoveryCodeChallenge;
import org.staffmfa.keycloak.factor.recovery.RecoveryCodesDefinition;
import org.staffmfa.keycloak.factor.recovery.RecoveryCodesEnrolmentStep;
import org.staffmfa.keycloak.factor.totp.TotpChallenge;
import org.staffmfa.keycloak.factor.totp.TotpEnrolmentStep;
import org.staffmfa.keycloak.factor.webauthn.WebAuthnChallenge;
import org.staffmfa.keycloak.factor.webauthn.WebAuthnEnrolmentStep;
import org.staffmfa.keycloak.policy.Factor;

/**
 * The factors this build brings, in one place: their definitions (the catalog), how the gate asks for each
 * (challenges) and how the enrolment sets each up (steps). The gate and the enrolment action know only the contracts
 * of package {@code factor}; a new factor is a new package under {@code factor} plus three lines here.
 */
public final class BuiltInFactors {

    private BuiltInFactors() {
    }

    /** The built-in factors; security keys and recovery codes only where their Keycloak feature is on. */
    public static FactorCatalog catalog() {
        List<FactorDefinition> factors = new ArrayList<>(List.of(
            FactorCatalog.byCredentialType(Factor.TOTP),
            FactorCatalog.byCredentialType(Factor.SMS),
            FactorCatalog.byCredentialType(Factor.EMAIL)));
        // Both features are on by default; an administrator may switch them off (--features-disabled).
        if (Profile.isFeatureEnabled(Profile.Feature.WEB_AUTHN)) {
            factors.add(FactorCatalog.byCredentialType(Factor.WEBAUTHN));
        }
        if (Profile.isFeatureEnabled(Profile.Feature.RECOVERY_CODES)) {
            factors.add(new RecoveryCodesDefinition());
        }
        return FactorCatalog.of(factors);
    }

    public static List<FactorChallenge> challenges() {
        CodeDelivery delivery = new CodeDelivery();
        return List.of(
            new TotpChallenge(),
            new WebAuthnChallenge(),
            new RecoveryCodeChallenge(),
            new CodeChallenge(Channel.SMS, delivery),
            new CodeChallenge(Channel.EMAIL, delivery));
    }

    public static List<EnrolmentStep> enrolmentSteps() {
        CodeDelivery delivery = new CodeDelivery();
        return List.of(
            new TotpEnrolmentStep(),
            new WebAuthnEnrolmentStep(),
            new RecoveryCodesEnrolmentStep(),
            new ContactEnrolmentStep(Channel.SMS, delivery),
            new ContactEnrolmentStep(Channel.EMAIL, delivery));
    }
}
