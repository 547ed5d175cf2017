package org.staffmfa.keycloak.exemption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;
import org.staffmfa.keycloak.policy.ConfigProblem;
import org.staffmfa.keycloak.realmpolicy.ConfigProblemLog;

/**
 * User exemptions, stored as credentials of type {@value #CREDENTIAL_TYPE}, bound to clients by their internal ids.
 * Only the Staff MFA admin API creates them (realm files may bring them when a realm is created, see
 * {@link ExemptionCredentialProviderFactory}); users can neither see nor remove them in the account console. Stored data that
 * cannot be read is no exemption: it is logged and left out, never an error page.
 */
public final class UserExemptions {

    public static final String CREDENTIAL_TYPE = "staff-mfa-exemption";

    private UserExemptions() {
    }

    public static List<UserExemption> list(KeycloakSession session, RealmModel realm, UserModel user) {
        List<UserExemption> exemptions = new ArrayList<>();
        user.credentialManager().getStoredCredentialsByTypeStream(CREDENTIAL_TYPE)
            .forEach(credential -> read(credential).ifPresentOrElse(exemptions::add,
                () -> ConfigProblemLog.reportOnce(session, realm, new ConfigProblem("user " + user.getUsername(),
                    CREDENTIAL_TYPE + " credential " + credential.getId(), abbreviated(credential.getCredentialData()),
                    "nothing (no exemption: the data is unreadable or names clients not bound to this realm's clients)"))));
        exemptions.sort(Comparator.comparing(UserExemption::grantedAt));
        return exemptions;
    }

    /**
     * Whether an exemption credential's data (JSON) has not run out at {@code nowEpochSeconds} (the adoption view's
     * count; it does not check which clients it names or whether they are bound, as a login does).
     */
    public static boolean inForce(String credentialData, long nowEpochSeconds) {
        try {
            ExemptionData data = org.keycloak.util.JsonSerialization.readValue(credentialData, ExemptionData.class);
            return data == null || data.expires == null || data.expires > nowEpochSeconds;
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }

    /** The first exemption that covers this client now. */
    public static Optional<UserExemption> activeFor(KeycloakSession session, RealmModel realm, UserModel user,
                                                    ClientModel client) {
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        return list(session, realm, user).stream().filter(exemption -> exemption.appliesTo(client, now)).findFirst();
    }

    public static UserExemption grant(UserModel user, List<ClientModel> clients, Optional<Instant> expiresAt,
                                      String reason, String grantedBy) {
        ExemptionData data = new ExemptionData();
        data.clientUuids = clients.stream().map(ClientModel::getId).toList();
        data.clients = clients.stream().map(ClientModel::getClientId).toList();
        data.expires = expiresAt.map(Instant::getEpochSecond).orElse(null);
        data.reason = reason;
        data.grantedBy = grantedBy;
        data.grantedAt = Time.currentTime();
        CredentialModel credential = new CredentialModel();
        credential.setType(CREDENTIAL_TYPE);
        credential.setCreatedDate(Time.currentTimeMillis());
        credential.setUserLabel("MFA exemption: " + (clients.isEmpty() ? "all clients" : String.join(", ", data.clients)));
        credential.setCredentialData(write(data));
        credential.setSecretData("{}");
        return read(user.credentialManager().createStoredCredential(credential)).orElseThrow();
    }

    /** @return whether an exemption with this id existed */
    public static boolean revoke(UserModel user, String exemptionId) {
        CredentialModel credential = user.credentialManager().getStoredCredentialById(exemptionId);
        if (credential == null || !CREDENTIAL_TYPE.equals(credential.getType())) {
            return false;
        }
        return user.credentialManager().removeStoredCredentialById(exemptionId);
    }

    /**
     * An exemption that names its clients only by client id (from a realm file or an earlier version) is bound to the
     * clients that have these ids now; ids without a client are kept as a binding that matches no client, so the
     * exemption never widens to "all clients". Run when a realm is created and at every server start.
     *
     * @return whether the credential was changed
     */
    static boolean bindToClients(RealmModel realm, UserModel user, CredentialModel credential) {
        Optional<ExemptionData> data = data(credential);
        if (data.isEmpty() || data.get().clientUuids != null || data.get().clients == null || data.get().clients.isEmpty()) {
            return false;
        }
        data.get().clientUuids = data.get().clients.stream()
            .map(clientId -> Optional.ofNullable(clientId).map(realm::getClientByClientId).map(ClientModel::getId)
                .orElse("no-such-client"))
            .toList();
        credential.setCredentialData(write(data.get()));
        user.credentialManager().updateStoredCredential(credential);
        return true;
    }

    /**
     * The exemption as stored, or empty when it cannot be applied: unreadable, naming clients only by client id (not
     * bound yet), or saying nothing about clients at all ("every client" must be written as an empty list).
     */
    static Optional<UserExemption> read(CredentialModel credential) {
        return data(credential).flatMap(data -> {
            try {
                Set<String> clients;
                if (data.clientUuids != null) {
                    clients = Set.copyOf(data.clientUuids);
                } else if (data.clients != null && data.clients.isEmpty()) {
                    clients = Set.of();
                } else {
                    return Optional.empty();
                }
                return Optional.of(new UserExemption(credential.getId(), clients,
                    Optional.ofNullable(data.expires).map(Instant::ofEpochSecond),
                    data.reason == null ? "" : data.reason,
                    data.grantedBy == null ? "" : data.grantedBy,
                    Instant.ofEpochSecond(data.grantedAt)));
            } catch (RuntimeException unusable) {
                return Optional.empty(); // a null among the clients, a time out of range
            }
        });
    }

    static Optional<ExemptionData> data(CredentialModel credential) {
        try {
            String json = credential.getCredentialData();
            return json == null ? Optional.empty() : Optional.ofNullable(JsonSerialization.readValue(json, ExemptionData.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String write(ExemptionData data) {
        try {
            return JsonSerialization.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviated(String value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
