package org.staffmfa.keycloak.compat;

import jakarta.persistence.EntityManager;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * Keycloak's JPA entity manager, for the few read-only queries that would otherwise walk every user (the exemption
 * sweep, the adoption view). Keycloak's JPA module is not usable as a Maven dependency (its parent POM is not on Maven
 * Central), so its connection provider is looked up by name; the server always has it. Queries name Keycloak's
 * entities (CredentialEntity, UserEntity, UserGroupMembershipEntity) and fields that are the same on 26.4 to 26.7.
 */
public final class KeycloakJpa {

    private static final String JPA_CONNECTION_PROVIDER = "org.keycloak.connections.jpa.JpaConnectionProvider";

    private KeycloakJpa() {
    }

    public static EntityManager entityManager(KeycloakSession session) {
        try {
            Class<? extends Provider> type = Class.forName(JPA_CONNECTION_PROVIDER, true,
                KeycloakSession.class.getClassLoader()).asSubclass(Provider.class);
            return (EntityManager) type.getMethod("getEntityManager").invoke(session.getProvider(type));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Keycloak's JPA connection is not available", e);
        }
    }
}
