package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One OIDC client of a realm, as an application uses it: authorization URL, code exchange, password grant. */
public final class OidcClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmUrl;
    private final String clientId;
    private final Optional<String> clientSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public OidcClient(String realmUrl, String clientId, String clientSecret) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.clientSecret = Optional.ofNullable(clientSecret);
    }

    /** The demo realm's {@code evergreen-staff} client (standard flow, confidential). */
    public static OidcClient evergreenStaff(DemoRealm realm) {
        return new OidcClient(realm.url(), "evergreen-staff", "evergreen-demo-secret");
    }

    /** The demo realm's {@code staff-cli} client (password grant, public). */
    public static OidcClient staffCli(DemoRealm realm) {
        return new OidcClient(realm.url(), "staff-cli", null);
    }

    /** The demo realm's {@code sip2-gateway} client (password grant, confidential). */
    public static OidcClient sip2Gateway(DemoRealm realm) {
        return new OidcClient(realm.url(), "sip2-gateway", "sip2-demo-secret");
    }

    public String authorizationUrl(String redirectUri) {
        return authorizationUrl(redirectUri, "openid");
    }

    /** @param scope e.g. {@code openid offline_access} for an offline token */
    public String authorizationUrl(String redirectUri, String scope) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("response_type", "code");
        query.put("scope", scope);
        query.put("state", UUID.randomUUID().toString());
        query.put("nonce", UUID.randomUUID().toString());
        return realmUrl + "/protocol/openid-connect/auth?" + WebClient.urlEncode(query);
    }

    /** Exchanges the code from the redirect URI the login ended on. */
    public TokenResponse exchangeCode(URI redirectedTo, String redirectUri) {
        String code = queryParameter(redirectedTo, "code")
            .orElseThrow(() -> new AssertionError("No code in " + redirectedTo));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        return token(form);
    }

    public TokenResponse passwordGrant(String username, String password, Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        form.putAll(extra);
        return token(form);
    }

    /** A new token for the same user session (its notes, e.g. when a factor was verified, stay as they were). */
    public TokenResponse refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        return token(form);
    }

    public TokenResponse clientCredentials() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        return token(form);
    }

    public TokenResponse passwordGrant(String username, String password) {
        return passwordGrant(username, password, Map.of());
    }

    private TokenResponse token(Map<String, String> form) {
        form.put("client_id", clientId);
        clientSecret.ifPresent(secret -> form.put("client_secret", secret));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(WebClient.urlEncode(form)))
            .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new TokenResponse(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Optional<String> queryParameter(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** A token endpoint answer: tokens on 200, {@code error}/{@code error_description} otherwise. */
    public record TokenResponse(int status, JsonNode json) {

        public boolean ok() {
            return status == 200 && json.has("access_token");
        }

        public String error() {
            return json.path("error").asText();
        }

        public String errorDescription() {
            return json.path("error_description").asText();
        }

        /** The decoded payload of the access token. */
        public JsonNode accessTokenClaims() {
            return claims(json.get("access_token").asText());
        }

        public JsonNode idTokenClaims() {
            return claims(json.get("id_token").asText());
        }

        private static JsonNode claims(String jwt) {
            try {
                return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
