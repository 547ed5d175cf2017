package org.staffmfa.keycloak.exemption;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.staffmfa.keycloak.compat.KeycloakJpa;

/**
 * Finds every user exemption in the database with one read-only query, instead of walking every user of every realm:
 * the expiry sweep and the binding of exemptions to clients need them all, and there are few. Keycloak's credential
 * table is read through its JPA connection; nothing is written here.
 */
final class ExemptionCredentialsQuery {

    /** One stored exemption: its credential, its user, the user's realm. */
    record Row(String credentialId, String userId, String realmId) {
    }

    private ExemptionCredentialsQuery() {
    }

    static List<Row> all(KeycloakSession session) {
        List<Object[]> rows = KeycloakJpa.entityManager(session)
            .createQuery("select c.id, u.id, u.realmId from CredentialEntity c join c.user u where c.type = :type",
                Object[].class)
            .setParameter("type", UserExemptions.CREDENTIAL_TYPE)
            .getResultList();
        return rows.stream().map(row -> new Row((String) row[0], (String) row[1], (String) row[2])).toList();
    }
}
