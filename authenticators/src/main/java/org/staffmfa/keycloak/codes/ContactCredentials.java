package org.staffmfa.keycloak.codes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * The confirmed email address or phone number of a user's email or SMS factor, as a credential: confirmed during
 * enrolment, never copied from the profile (a changed profile address must not redirect codes).
 */
public final class ContactCredentials {

    private ContactCredentials() {
    }

    public static CredentialModel create(UserModel user, Channel channel, String target, String label) {
        CredentialModel credential = new CredentialModel();
        credential.setType(channel.credentialType());
        credential.setUserLabel(label);
        credential.setCreatedDate(Time.currentTimeMillis());
        try {
            credential.setCredentialData(JsonSerialization.writeValueAsString(Map.of(channel.credentialField(), target)));
            credential.setSecretData("{}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return user.credentialManager().createStoredCredential(credential);
    }

    /** The most recently confirmed address or number of this channel. */
    public static Optional<String> latest(UserModel user, Channel channel) {
        return user.credentialManager().getStoredCredentialsByTypeStream(channel.credentialType())
            .max(Comparator.comparing(c -> c.getCreatedDate() == null ? 0L : c.getCreatedDate()))
            .map(credential -> target(credential, channel));
    }

    private static String target(CredentialModel credential, Channel channel) {
        try {
            Map<?, ?> data = JsonSerialization.readValue(credential.getCredentialData(), Map.class);
            Object value = data.get(channel.credentialField());
            return value == null ? "" : value.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + channel.credentialType() + " credential " + credential.getId(), e);
        }
    }
}
