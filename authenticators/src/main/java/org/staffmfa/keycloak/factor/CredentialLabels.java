package org.staffmfa.keycloak.factor;

import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;

/** The name a user gives a device (authenticator app, security key), so that several can be told apart. */
public final class CredentialLabels {

    private CredentialLabels() {
    }

    /**
     * @return the trimmed name ("" when none was given), or null when it is too long or contains control characters
     */
    public static String clean(String input, int maxLength) {
        String label = input == null ? "" : input.strip();
        if (label.length() > maxLength || label.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return label;
    }

    /** Keycloak refuses two credentials of a type with one name; a taken name gets a number: "Security key (2)". */
    public static String unique(String label, UserModel user, String credentialType) {
        Set<String> taken = user.credentialManager().getStoredCredentialsByTypeStream(credentialType)
            .map(CredentialModel::getUserLabel)
            .collect(Collectors.toSet());
        String candidate = label;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = label + " (" + n + ")";
        }
        return candidate;
    }
}
