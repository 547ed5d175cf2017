package org.staffmfa.keycloak.webpages;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * One of the extension's script pages — the MFA administration page ({@code /realms/{realm}/staff-mfa/admin/}) and the
 * user's "my second factors" page ({@code .../staff-mfa/factors/}): static HTML, script and style from the JAR. A page
 * holds no data of its own: it signs the person in to the realm (its public client, authorization code with PKCE)
 * and calls a REST API with their token, so every permission check is the API's. Strict headers: the page may not be
 * framed, loads nothing from other origins and runs no inline script.
 */
public final class StaticPage {

    private static final Map<String, String> FILES = Map.of(
        "", "index.html",
        "app.js", "app.js",
        "signin.js", "signin.js",
        "app.css", "app.css");
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8");

    private final String folder;

    public StaticPage(String folder) {
        this.folder = folder;
    }

    @GET
    public Response index() {
        return file("");
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String name) {
        String file = FILES.get(name);
        if (file == null) {
            throw new NotFoundException();
        }
        try (InputStream in = StaticPage.class.getResourceAsStream("/" + folder + "/" + file)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return Response.ok(in.readAllBytes())
                .header("Content-Type", TYPES.get(file.substring(file.lastIndexOf('.') + 1)))
                .header("Content-Security-Policy", "default-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
                    + "form-action 'self'; base-uri 'none'; object-src 'none'")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
        } catch (IOException e) {
            throw new IllegalStateException("Staff MFA page resource " + folder + "/" + file + " unreadable", e);
        }
    }
}
