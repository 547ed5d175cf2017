package org.staffmfa.keycloak.factor.codes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;
import org.staffmfa.keycloak.events.LogText;
import org.staffmfa.keycloak.secrets.FactorSecrets;
import org.staffmfa.keycloak.secrets.SecretCipher;

/**
 * The confirmed email address or phone number of a user's email or SMS factor, as a credential: confirmed during
 * enrolment, never copied from the profile (a changed profile address must not redirect codes). The address is kept
 * in the credential's secret data ({@code {"target": …}}, sealed when the server has a key, see {@link FactorSecrets}),
 * which Keycloak's admin and account APIs never return; the credential data holds only its masked form
 * ({@code {"masked": "+49 151 ••• 78"}}). Credentials of earlier versions kept it in the credential data
 * ({@code {"email": …}} / {@code {"phone": …}}); they are read as they are and moved on their next use once a key is
 * configured.
 */
public final class ContactCredentials {

    private static final Logger LOG = Logger.getLogger(ContactCredentials.class);
    private static final String TARGET = "target";
    private static final String MASKED = "masked";

    private ContactCredentials() {
    }

    public static CredentialModel create(KeycloakSession session, UserModel user, Channel channel, String target,
                                         String label) {
        CredentialModel credential = FactorSecrets.withId(new CredentialModel());
        credential.setType(channel.credentialType());
        credential.setUserLabel(label);
        credential.setCreatedDate(Time.currentTimeMillis());
        store(FactorSecrets.cipher(session), user, credential, channel, target);
        return user.credentialManager().createStoredCredential(credential);
    }

    /**
     * A credential handed to Keycloak's user APIs (admin REST, realm import) in either form: brought into the stored
     * form, the address sealed; an already sealed address (an export of this server) only if it opens here.
     *
     * @throws IllegalArgumentException when it carries no address, or a sealed one that does not open here
     */
    static CredentialModel forStorage(KeycloakSession session, UserModel user, Channel channel, CredentialModel credential) {
        SecretCipher cipher = FactorSecrets.cipher(session);
        FactorSecrets.withId(credential);
        try {
            Optional<String> stored = field(credential.getSecretData(), TARGET);
            if (stored.isPresent() && SecretCipher.isSealed(stored.get())) {
                cipher.open(stored.get(), FactorSecrets.binding(user, credential));
                return credential;
            }
            String target = stored.or(() -> legacyField(credential, channel))
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("no " + channel.credentialField() + " in the credential"));
            store(cipher, user, credential, channel, target);
            return credential;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable credential data");
        } catch (SecretCipher.UnreadableSecret e) {
            throw new IllegalArgumentException("a sealed address that does not open on this server");
        }
    }

    private static Optional<String> legacyField(CredentialModel credential, Channel channel) {
        try {
            return field(credential.getCredentialData(), channel.credentialField());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void store(SecretCipher cipher, UserModel user, CredentialModel credential, Channel channel,
                              String target) {
        try {
            credential.setCredentialData(JsonSerialization.writeValueAsString(Map.of(MASKED, TargetMask.mask(channel, target))));
            credential.setSecretData(JsonSerialization.writeValueAsString(
                Map.of(TARGET, cipher.seal(target, FactorSecrets.binding(user, credential)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The most recently confirmed address or number of this channel. A credential whose data cannot be read (edited by
     * hand, or sealed with a key this server does not have) gives no address: sending then fails plainly and the
     * user's other factors stay on offer.
     */
    public static Optional<String> latest(KeycloakSession session, UserModel user, Channel channel) {
        SecretCipher cipher = FactorSecrets.cipher(session);
        return user.credentialManager().getStoredCredentialsByTypeStream(channel.credentialType())
            .max(Comparator.comparing(c -> c.getCreatedDate() == null ? 0L : c.getCreatedDate()))
            .flatMap(credential -> target(cipher, user, credential, channel));
    }

    private static Optional<String> target(SecretCipher cipher, UserModel user, CredentialModel credential, Channel channel) {
        try {
            Optional<String> stored = field(credential.getSecretData(), TARGET);
            if (stored.isPresent()) {
                String target = cipher.open(stored.get(), FactorSecrets.binding(user, credential));
                if (cipher.needsResealing(stored.get())) {
                    reseal(cipher, user, credential, channel, target);
                }
                return Optional.of(target).filter(text -> !text.isBlank());
            }
            Optional<String> legacy = field(credential.getCredentialData(), channel.credentialField());
            if (legacy.isPresent() && cipher.keys().configured()) {
                reseal(cipher, user, credential, channel, legacy.get());
            }
            return legacy.filter(text -> !text.isBlank());
        } catch (SecretCipher.UnreadableSecret e) {
            LOG.errorf("Staff MFA: %s credential %s cannot be read: %s; no code can be sent to it",
                channel.credentialType(), credential.getId(), LogText.oneLine(e.getMessage()));
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Staff MFA: %s credential %s is unreadable; no code can be sent to it", channel.credentialType(),
                credential.getId());
            return Optional.empty();
        }
    }

    /**
     * Seals the address of an email or SMS credential with the current key if it is plain, sealed with an older key,
     * or kept the earlier way (in the credential data).
     *
     * @return whether the credential was written
     * @throws SecretCipher.UnreadableSecret when it is sealed with a key this server does not have
     */
    public static boolean reseal(SecretCipher cipher, UserModel user, CredentialModel credential) {
        Channel channel = java.util.Arrays.stream(Channel.values())
            .filter(c -> c.credentialType().equals(credential.getType())).findFirst().orElseThrow();
        try {
            Optional<String> stored = field(credential.getSecretData(), TARGET);
            if (stored.isPresent()) {
                if (!cipher.needsResealing(stored.get())) {
                    return false;
                }
                reseal(cipher, user, credential, channel, cipher.open(stored.get(), FactorSecrets.binding(user, credential)));
                return true;
            }
            Optional<String> legacy = field(credential.getCredentialData(), channel.credentialField());
            if (!cipher.keys().configured()) {
                return false;
            }
            if (legacy.isEmpty()) {
                throw new IllegalStateException("no address in credential " + credential.getId());
            }
            reseal(cipher, user, credential, channel, legacy.get());
            return true;
        } catch (IOException e) {
            // Not JSON: reported as unreadable by the caller, so a re-encrypt run can end.
            throw new IllegalStateException("unreadable credential " + credential.getId());
        }
    }

    /** The address as stored in the secret data (sealed or plain); empty when kept the earlier way or unreadable. */
    public static Optional<String> storedValue(String secretData) {
        try {
            return field(secretData, TARGET);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void reseal(SecretCipher cipher, UserModel user, CredentialModel credential, Channel channel, String target) {
        store(cipher, user, credential, channel, target);
        user.credentialManager().updateStoredCredential(credential);
    }

    private static Optional<String> field(String json, String name) throws IOException {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        Map<?, ?> data = JsonSerialization.readValue(json, Map.class);
        Object value = data == null ? null : data.get(name);
        return Optional.ofNullable(value).map(Object::toString);
    }
}
