package org.staffmfa.keycloak.exemption;

import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * Finds every user exemption in the database with one read-only query, instead of walking every user of every realm:
 * the expiry sweep and the binding of exemptions to clients need them all, and there are few. Keycloak's credential
 * table is read through its JPA connection; nothing is written here.
 */
final class ExemptionCredentialsQuery {

    /**
     * Keycloak's JPA connection provider. Its module is not usable as a Maven dependency (its parent POM is not on
     * Maven Central), so the type is looked up by name; the server always has it.
     */
    private static final String JPA_CONNECTION_PROVIDER = "org.keycloak.connections.jpa.JpaConnectionProvider";

    /** One stored exemption: its credential, its user, the user's realm. */
    record Row(String credentialId, String userId, String realmId) {
    }

    private ExemptionCredentialsQuery() {
    }

    static List<Row> all(KeycloakSession session) {
        List<Object[]> rows = entityManager(session)
            .createQuery("select c.id, u.id, u.realmId from CredentialEntity c join c.user u where c.type = :type",
                Object[].class)
            .setParameter("type", UserExemptions.CREDENTIAL_TYPE)
            .getResultList();
        return rows.stream().map(row -> new Row((String) row[0], (String) row[1], (String) row[2])).toList();
    }

    private static EntityManager entityManager(KeycloakSession session) {
        try {
            Class<? extends Provider> type = Class.forName(JPA_CONNECTION_PROVIDER, true,
                KeycloakSession.class.getClassLoader()).asSubclass(Provider.class);
            return (EntityManager) type.getMethod("getEntityManager").invoke(session.getProvider(type));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Keycloak's JPA connection is not available", e);
        }
    }
}
