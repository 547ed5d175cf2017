package org.staffmfa.keycloak.testing;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * TEST ONLY, never part of the product JAR: moves Keycloak's clock ({@link Time#setOffset}) so that tests of
 * intervals and expiry need no sleeping. Installed only into the server the test harness starts, and it refuses to
 * work outside development mode. {@code PUT /realms/master/staff-mfa-test-clock/offset/{seconds}}.
 */
public final class TestClockResourceFactory implements RealmResourceProviderFactory, RealmResourceProvider {

    public static final String ID = "staff-mfa-test-clock";

    @Override
    public Object getResource() {
        if (!Environment.isDevMode()) {
            throw new ForbiddenException("The test clock works only in development mode");
        }
        return new Clock();
    }

    /** The JAX-RS resource. */
    public static final class Clock {

        @PUT
        @Path("offset/{seconds}")
        @Produces(MediaType.TEXT_PLAIN)
        public String setOffset(@PathParam("seconds") int seconds) {
            Time.setOffset(seconds);
            return Integer.toString(Time.getOffset());
        }

        @GET
        @Path("offset")
        @Produces(MediaType.TEXT_PLAIN)
        public String offset() {
            return Integer.toString(Time.getOffset());
        }
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return this;
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
