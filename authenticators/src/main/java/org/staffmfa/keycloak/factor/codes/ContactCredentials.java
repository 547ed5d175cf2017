package org.staffmfa.keycloak.factor.codes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * The confirmed email address or phone number of a user's email or SMS factor, as a credential: confirmed during
 * enrolment, never copied from the profile (a changed profile address must not redirect codes).
 */
public final class ContactCredentials {

    private static final Logger LOG = Logger.getLogger(ContactCredentials.class);

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

    /**
     * The most recently confirmed address or number of this channel. A credential whose data cannot be read (edited by
     * hand) gives no address: sending then fails plainly and the user's other factors stay on offer.
     */
    public static Optional<String> latest(UserModel user, Channel channel) {
        return user.credentialManager().getStoredCredentialsByTypeStream(channel.credentialType())
            .max(Comparator.comparing(c -> c.getCreatedDate() == null ? 0L : c.getCreatedDate()))
            .flatMap(credential -> target(credential, channel));
    }

    private static Optional<String> target(CredentialModel credential, Channel channel) {
        try {
            Map<?, ?> data = JsonSerialization.readValue(credential.getCredentialData(), Map.class);
            Object value = data == null ? null : data.get(channel.credentialField());
            return Optional.ofNullable(value).map(Object::toString).filter(text -> !text.isBlank());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Staff MFA: %s credential %s is unreadable; no code can be sent to it", channel.credentialType(),
                credential.getId());
            return Optional.empty();
        }
    }
}
