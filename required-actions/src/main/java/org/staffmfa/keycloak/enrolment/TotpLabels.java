package org.staffmfa.keycloak.enrolment;

import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/** The name a user gives an authenticator app, so that several can be told apart. */
final class TotpLabels {

    private TotpLabels() {
    }

    /**
     * @return the trimmed name ("" when none was given), or null when it is too long or contains control characters
     */
    static String clean(String input, int maxLength) {
        String label = input == null ? "" : input.strip();
        if (label.length() > maxLength || label.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return label;
    }

    /** Keycloak refuses two credentials with one name; a taken name gets a number: "Authenticator app (2)". */
    static String unique(String label, UserModel user) {
        Set<String> taken = user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE)
            .map(CredentialModel::getUserLabel)
            .collect(Collectors.toSet());
        String candidate = label;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = label + " (" + n + ")";
        }
        return candidate;
    }
}
