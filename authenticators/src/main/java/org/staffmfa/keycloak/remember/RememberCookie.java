package org.staffmfa.keycloak.remember;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The remember cookie of one user in one realm: {@code STAFF_MFA_RB_<hash of user id>}, path {@code /realms/<realm>/},
 * HttpOnly, SameSite=Lax, Secure on HTTPS. One cookie per user, so staff sharing a browser keep separate ones.
 */
final class RememberCookie {

    static final String PREFIX = "STAFF_MFA_RB_";

    private RememberCookie() {
    }

    static String name(RealmModel realm, UserModel user) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((realm.getId() + ":" + user.getId()).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<String> read(KeycloakSession session, String name) {
        Map<String, Cookie> cookies = session.getContext().getRequestHeaders().getCookies();
        return Optional.ofNullable(cookies.get(name)).map(Cookie::getValue).filter(value -> !value.isEmpty());
    }

    /** Names of all remember cookies the browser sent for this realm (any user). */
    static List<String> namesSent(KeycloakSession session) {
        return session.getContext().getRequestHeaders().getCookies().keySet().stream()
            .filter(name -> name.startsWith(PREFIX))
            .sorted()
            .toList();
    }

    static void write(KeycloakSession session, RealmModel realm, String name, String value, int maxAgeSeconds) {
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie(session, realm, name, value, maxAgeSeconds));
    }

    static void delete(KeycloakSession session, RealmModel realm, String name) {
        session.getContext().getHttpResponse().setCookieIfAbsent(cookie(session, realm, name, "", 0));
    }

    private static NewCookie cookie(KeycloakSession session, RealmModel realm, String name, String value, int maxAge) {
        boolean https = "https".equalsIgnoreCase(session.getContext().getUri().getRequestUri().getScheme());
        return new NewCookie.Builder(name)
            .value(value)
            .path(session.getContext().getUri().getBaseUri().getPath().replaceAll("/$", "") + "/realms/" + realm.getName() + "/")
            .maxAge(maxAge)
            .httpOnly(true)
            .secure(https)
            .sameSite(NewCookie.SameSite.LAX)
            .build();
    }
}
