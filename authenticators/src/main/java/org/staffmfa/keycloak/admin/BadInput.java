package org.staffmfa.keycloak.admin;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A request the admin API refuses before changing anything: a 400 with {@code {"error": "invalid_request",
 * "error_description": "..."}}. The message names the problem and is safe to show.
 */
final class BadInput extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    BadInput(String message) {
        super(message, Response.status(Response.Status.BAD_REQUEST)
            .entity(Map.of("error", "invalid_request", "error_description", message))
            .type(MediaType.APPLICATION_JSON_TYPE)
            .build());
    }
}
