package org.staffmfa.keycloak.exemption;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * Clients whose logins need no second factor for anyone (a SIP2 gateway, a script account's client). Kept as realm
 * attributes {@code staff-mfa.client.<client id>.exemption} holding who granted it, when and why: written only by the
 * Staff MFA admin API (role {@code manage-mfa}), not as a client attribute, which every client administrator could
 * set.
 */
public final class ClientExemptions {

    private static final String PREFIX = "staff-mfa.client.";
    /** The key of an exemption inside the client's section of the settings store. */
    public static final String EXEMPTION_KEY = "exemption";
    private static final String SUFFIX = "." + EXEMPTION_KEY;

    /** What is stored: the reason and who granted it when. */
    public record ClientExemption(String clientId, String reason, String grantedBy, Instant grantedAt) {
    }

    private record Stored(String reason, String grantedBy, String grantedAt) {
    }

    private ClientExemptions() {
    }

    public static Optional<ClientExemption> of(RealmModel realm, ClientModel client) {
        String value = RealmSettingsStore.get(realm, key(client.getId()));
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Stored stored = JsonSerialization.readValue(value, Stored.class);
            return Optional.of(new ClientExemption(client.getClientId(), stored.reason(), stored.grantedBy(),
                Instant.parse(stored.grantedAt())));
        } catch (IOException | RuntimeException e) {
            // Unreadable: still exempt (it was granted), with what can be said about it.
            return Optional.of(new ClientExemption(client.getClientId(), "(unreadable)", "(unknown)", Instant.EPOCH));
        }
    }

    public static boolean isExempt(RealmModel realm, ClientModel client) {
        String value = RealmSettingsStore.get(realm, key(client.getId()));
        return value != null && !value.isBlank();
    }

    public static ClientExemption grant(RealmModel realm, ClientModel client, String reason, String grantedBy, Instant now) {
        try {
            RealmSettingsStore.set(realm, key(client.getId()),
                JsonSerialization.writeValueAsString(new Stored(reason, grantedBy, now.toString())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ClientExemption(client.getClientId(), reason, grantedBy, now);
    }

    /** @return false when the client was not exempt */
    public static boolean revoke(RealmModel realm, ClientModel client) {
        boolean was = isExempt(realm, client);
        RealmSettingsStore.set(realm, key(client.getId()), null);
        return was;
    }

    /** Every exempt client of the realm, by client id; exemptions of deleted clients are left out. */
    public static List<ClientExemption> list(RealmModel realm) {
        List<ClientExemption> exemptions = new ArrayList<>();
        for (Map.Entry<String, String> attribute : RealmSettingsStore.withPrefix(realm, PREFIX).entrySet()) {
            String name = attribute.getKey();
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                ClientModel client = realm.getClientById(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
                if (client != null) {
                    of(realm, client).ifPresent(exemptions::add);
                }
            }
        }
        exemptions.sort((a, b) -> a.clientId().compareTo(b.clientId()));
        return exemptions;
    }

    private static String key(String clientUuid) {
        return PREFIX + clientUuid + SUFFIX;
    }
}
