package org.staffmfa.keycloak.setup;

import java.util.List;

/**
 * What the set-up changed (or, in a dry run, would change), and what an administrator should know before relying on
 * it, e.g. that users outside every MFA policy lose the Keycloak OTP step the copied flows had.
 */
public record SetupResult(List<SetupChange> changes, List<String> warnings) {
}
