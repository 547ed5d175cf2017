package org.staffmfa.keycloak.factor;

import java.util.function.Supplier;

import jakarta.ws.rs.core.Response;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.staffmfa.keycloak.events.MfaEventDetails;

/**
 * While Keycloak's brute-force protection has locked the user out, every answer is refused with the factor's usual
 * "invalid" page, right or wrong, so that the lockout cannot be used to test answers; the refusal is not counted again.
 */
public final class BruteForceLockout {

    private BruteForceLockout() {
    }

    /** @return true when the user is locked out and the refusal has been sent */
    public static boolean refuses(AuthenticationFlowContext context, Supplier<Response> invalidAnswerPage) {
        String lockout = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (lockout == null) {
            return false;
        }
        context.getEvent().user(context.getUser()).detail(MfaEventDetails.FAILURE, MfaEventDetails.FAILURE_LOCKED)
            .error(lockout);
        context.forceChallenge(invalidAnswerPage.get());
        return true;
    }
}
