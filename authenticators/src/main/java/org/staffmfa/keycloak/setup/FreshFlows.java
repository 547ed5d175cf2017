package org.staffmfa.keycloak.setup;

import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.AuthenticationFlowModel;
import org.staffmfa.keycloak.StaffMfaIds;

/**
 * The staff flows built from Keycloak's default steps rather than from copies of the realm's current flows (set-up
 * option {@code "startFrom": "defaults"}): exactly the flows of the demo realm and of the realm snippet in
 * {@code realm-export/}, so that the shipped files and the set-up are one path. Keycloak's own second-factor steps are
 * simply not there; Kerberos and organizations are left out (add them by hand, or set up from the current flows).
 */
final class FreshFlows {

    static final String BROWSER_DESCRIPTION = "Browser login with the Staff MFA group policy: SSO cookie or password, "
        + "then the MFA gate (which also asks for a factor when an SSO session from an exempt client has none).";
    static final String IDENTITY = "staff identity";
    static final String IDENTITY_DESCRIPTION = "Who is logging in: the SSO cookie of an existing session, an identity "
        + "provider (kc_idp_hint), or username and password.";
    static final String DIRECT_GRANT_DESCRIPTION = "Password grant with the Staff MFA group policy: the code goes in the "
        + "'otp' parameter.";
    static final String RESET_DESCRIPTION = "Forgot password: email link, new password, then the second factor before "
        + "the user is logged in.";
    static final String POST_BROKER_DESCRIPTION = "Bind as 'Post login flow' of every identity provider: the second "
        + "factor after a login through the provider.";

    /** The steps each fresh flow holds, to tell what of a realm's current flow it would leave out. */
    static final java.util.Set<String> BROWSER_STEPS = java.util.Set.of("auth-cookie", "identity-provider-redirector",
        "auth-username-password-form", StaffMfaIds.GATE);
    static final java.util.Set<String> DIRECT_GRANT_STEPS = java.util.Set.of("direct-grant-validate-username",
        "direct-grant-validate-password", StaffMfaIds.DIRECT_GRANT_GATE);
    static final java.util.Set<String> RESET_STEPS = java.util.Set.of("reset-credentials-choose-user",
        "reset-credential-email", "reset-password", StaffMfaIds.GATE);

    private final FlowBuilder flows;

    FreshFlows(FlowBuilder flows) {
        this.flows = flows;
    }

    /** Cookie, identity-provider redirector or username and password form (alternatives), then the gate. */
    AuthenticationFlowModel browser(String alias, String identityAlias) {
        AuthenticationFlowModel staff = flows.topLevel(alias, BROWSER_DESCRIPTION);
        AuthenticationFlowModel identity = flows.subFlow(identityAlias, IDENTITY_DESCRIPTION);
        flows.appendSubFlow(staff, identity);
        flows.append(identity, "auth-cookie", Requirement.ALTERNATIVE);
        flows.append(identity, "identity-provider-redirector", Requirement.ALTERNATIVE);
        flows.append(identity, "auth-username-password-form", Requirement.ALTERNATIVE);
        flows.append(staff, StaffMfaIds.GATE, Requirement.REQUIRED);
        return staff;
    }

    /** Username, password, then the direct-grant gate (which reads the code from the {@code otp} parameter). */
    AuthenticationFlowModel directGrant(String alias) {
        return requiredSteps(alias, DIRECT_GRANT_DESCRIPTION, "direct-grant-validate-username",
            "direct-grant-validate-password", StaffMfaIds.DIRECT_GRANT_GATE);
    }

    /** Choose the user, email link, new password, then the gate before the user is logged in. */
    AuthenticationFlowModel resetCredentials(String alias) {
        return requiredSteps(alias, RESET_DESCRIPTION, "reset-credentials-choose-user", "reset-credential-email",
            "reset-password", StaffMfaIds.GATE);
    }

    private AuthenticationFlowModel requiredSteps(String alias, String description, String... providers) {
        AuthenticationFlowModel staff = flows.topLevel(alias, description);
        for (String provider : providers) {
            flows.append(staff, provider, Requirement.REQUIRED);
        }
        return staff;
    }
}
