package org.staffmfa.keycloak.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * TEST ONLY, never part of the product JAR: the rows of Keycloak's {@code CREDENTIAL} table for one user, exactly as
 * the database holds them (plain SQL, past every model and cache), so that tests can show what a stolen database dump
 * would contain. Refuses to work outside development mode.
 * {@code GET /realms/master/staff-mfa-test-db/credentials/{userId}}.
 */
public final class TestDatabaseResourceFactory implements RealmResourceProviderFactory, RealmResourceProvider {

    public static final String ID = "staff-mfa-test-db";

    private final KeycloakSession session;

    public TestDatabaseResourceFactory() {
        this(null);
    }

    private TestDatabaseResourceFactory(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        if (!Environment.isDevMode()) {
            throw new ForbiddenException("The test database view works only in development mode");
        }
        return this;
    }

    @GET
    @Path("credentials/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, String>> credentials(@PathParam("userId") String userId) {
        EntityManager em = entityManager();
        List<Map<String, String>> rows = new ArrayList<>();
        for (Object row : em.createNativeQuery("select ID, TYPE, CREDENTIAL_DATA, SECRET_DATA from CREDENTIAL "
                + "where USER_ID = ?1 order by CREATED_DATE").setParameter(1, userId).getResultList()) {
            Object[] columns = (Object[]) row;
            Map<String, String> named = new LinkedHashMap<>();
            named.put("id", text(columns[0]));
            named.put("type", text(columns[1]));
            named.put("credentialData", text(columns[2]));
            named.put("secretData", text(columns[3]));
            rows.add(named);
        }
        return rows;
    }

    /**
     * Writes a credential's data as an older version or another tool would have left it (e.g. in clear), through
     * Keycloak's credential store, which no extension provider sees (so it keeps its cache right).
     * {@code PUT /realms/master/staff-mfa-test-db/credentials/{realm}/{userId}/{credentialId}} with
     * {@code {"credentialData": …, "secretData": …}} (each optional).
     */
    @jakarta.ws.rs.PUT
    @Path("credentials/{realm}/{userId}/{credentialId}")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    public String writeRow(@PathParam("realm") String realmName, @PathParam("userId") String userId,
                           @PathParam("credentialId") String credentialId, Map<String, String> columns) {
        org.keycloak.models.RealmModel realm = session.realms().getRealmByName(realmName);
        org.keycloak.models.UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
        org.keycloak.credential.CredentialModel credential = user == null ? null
            : user.credentialManager().getStoredCredentialById(credentialId);
        if (credential == null) {
            return "0";
        }
        if (columns.containsKey("credentialData")) {
            credential.setCredentialData(columns.get("credentialData"));
        }
        if (columns.containsKey("secretData")) {
            credential.setSecretData(columns.get("secretData"));
        }
        user.credentialManager().updateStoredCredential(credential);
        return "1";
    }

    /** Keycloak's JPA connection, looked up by name (Keycloak's JPA module is not a Maven dependency here). */
    private EntityManager entityManager() {
        try {
            Class<? extends org.keycloak.provider.Provider> type = Class.forName(
                "org.keycloak.connections.jpa.JpaConnectionProvider", true, KeycloakSession.class.getClassLoader())
                .asSubclass(org.keycloak.provider.Provider.class);
            return (EntityManager) type.getMethod("getEntityManager").invoke(session.getProvider(type));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text columns may come back as CLOBs (H2, PostgreSQL): read as the text they hold. */
    private static String text(Object column) {
        try {
            if (column instanceof java.sql.Clob clob) {
                return clob.getSubString(1, Math.toIntExact(clob.length()));
            }
            return column == null ? null : column.toString();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new TestDatabaseResourceFactory(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
