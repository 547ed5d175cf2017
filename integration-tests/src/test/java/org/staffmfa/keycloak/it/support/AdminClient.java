package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keycloak's admin REST API as the bootstrap admin of the master realm. Paths are relative to {@code /admin}, e.g.
 * {@code /realms/library-staff/users?username=alice}.
 */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_SAFETY_MARGIN = Duration.ofSeconds(15);

    private final KeycloakServer server;
    private final String loginRealm;
    private final String username;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant tokenExpiry = Instant.MIN;

    AdminClient(KeycloakServer server, String username, String password) {
        this(server, "master", username, password);
    }

    private AdminClient(KeycloakServer server, String loginRealm, String username, String password) {
        this.server = server;
        this.loginRealm = loginRealm;
        this.username = username;
        this.password = password;
    }

    /** The admin API as the bootstrap administrator of a server the test started itself. */
    public static AdminClient asServerAdmin(KeycloakServer server) {
        return new AdminClient(server, TestSettings.adminUsername(), TestSettings.adminPassword());
    }

    /** The admin API as a user of the realm itself (e.g. one holding only some realm-management roles). */
    public static AdminClient asRealmUser(KeycloakServer server, String realm, String username, String password) {
        return new AdminClient(server, realm, username, password);
    }

    public JsonNode get(String path) {
        return expectJson(send("GET", path, null), 200);
    }

    /** Parses a response body (e.g. of {@link #post}) as JSON. */
    public static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }

    /** GETs and returns the response, whatever its status. */
    public HttpResponse<String> getResponse(String path) {
        return send("GET", path, null);
    }

    /** POSTs a JSON body and returns the response, whatever its status. */
    public HttpResponse<String> post(String path, Object body) {
        return send("POST", path, body);
    }

    public HttpResponse<String> put(String path, Object body) {
        return send("PUT", path, body);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    /** A DELETE with a JSON body, as Keycloak's own role-mapping removal and the MFA factor removal take. */
    public HttpResponse<String> deleteWithBody(String path, Object body) {
        return send("DELETE", path, body);
    }

    public void createRealm(JsonNode realm) {
        expectStatus(post("/realms", realm), 201);
    }

    public void deleteRealm(String realm) {
        HttpResponse<String> response = delete("/realms/" + encode(realm));
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IllegalStateException("Deleting realm " + realm + " failed: " + describe(response));
        }
    }

    /** The user's representation; fails when the user does not exist. */
    public JsonNode user(String realm, String username) {
        ArrayNode users = (ArrayNode) get("/realms/" + encode(realm) + "/users?exact=true&username=" + encode(username));
        if (users.isEmpty()) {
            throw new IllegalStateException("No user " + username + " in realm " + realm);
        }
        return users.get(0);
    }

    public JsonNode userCredentials(String realm, String username) {
        return get("/realms/" + encode(realm) + "/users/" + user(realm, username).get("id").asText() + "/credentials");
    }

    /** Login events of the realm, newest first. */
    public JsonNode events(String realm, String type) {
        return get("/realms/" + encode(realm) + "/events?type=" + encode(type));
    }

    /** One user's events of one type, newest first. */
    public JsonNode userEvents(String realm, String username, String type) {
        return get("/realms/" + encode(realm) + "/events?type=" + encode(type) + "&user=" + user(realm, username).get("id").asText());
    }

    /**
     * Creates an enabled user with a verified email, a password, optionally a TOTP credential (base32 secret, SHA-1,
     * 6 digits, 30 s), and group memberships given as paths.
     *
     * @return the new user's id
     */
    public String createUser(String realm, String username, String password, String totpBase32Secret, String... groupPaths) {
        return createUserWithApps(realm, username, password,
            totpBase32Secret == null ? List.of() : List.of(totpBase32Secret), groupPaths);
    }

    /** Like {@link #createUser} with one TOTP credential per secret, labelled "App 1", "App 2", ... */
    public String createUserWithApps(String realm, String username, String password, List<String> totpBase32Secrets,
                                     String... groupPaths) {
        return createUserWithCredentials(realm, username, password, totpBase32Secrets, List.of(), groupPaths);
    }

    /** A credential of the extension's email or SMS factor, for {@link #createUserWithCredentials}. */
    public static ObjectNode contactCredential(String type, String field, String value) {
        return JSON.createObjectNode()
            .put("type", type)
            .put("userLabel", value)
            .put("secretData", "{}")
            .put("credentialData", "{\"" + field + "\":\"" + value + "\"}");
    }

    /** Like {@link #createUserWithApps}, plus further credentials as JSON (e.g. {@link #contactCredential}). */
    public String createUserWithCredentials(String realm, String username, String password, List<String> totpBase32Secrets,
                                            List<ObjectNode> otherCredentials, String... groupPaths) {
        ObjectNode user = JSON.createObjectNode()
            .put("username", username)
            .put("enabled", true)
            .put("email", username + "@library.example")
            .put("emailVerified", true)
            .put("firstName", username)
            .put("lastName", "Test");
        ArrayNode groups = user.putArray("groups");
        for (String path : groupPaths) {
            groups.add(path);
        }
        ArrayNode credentials = user.putArray("credentials");
        credentials.addObject().put("type", "password").put("value", password).put("temporary", false);
        for (int i = 0; i < totpBase32Secrets.size(); i++) {
            credentials.addObject()
                .put("type", "otp")
                .put("userLabel", "App " + (i + 1))
                .put("secretData", "{\"value\":\"" + totpBase32Secrets.get(i) + "\"}")
                .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                    + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}");
        }
        otherCredentials.forEach(credentials::add);
        HttpResponse<String> response = post("/realms/" + encode(realm) + "/users", user);
        expectStatus(response, 201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * Creates a top-level group and gives it MFA settings through the Staff MFA admin API; settings are named as in
     * realm exports ({@code staff-mfa.mode}, {@code staff-mfa.factors}, ...). Returns the group's id.
     */
    public String createGroup(String realm, String name, Map<String, String> mfaSettings) {
        HttpResponse<String> response = post("/realms/" + encode(realm) + "/groups", JSON.createObjectNode().put("name", name));
        expectStatus(response, 201);
        String location = response.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (!mfaSettings.isEmpty()) {
            ObjectNode settings = JSON.createObjectNode();
            mfaSettings.forEach((setting, value) -> putSetting(settings, setting, value));
            expectStatus(put("/realms/" + encode(realm) + "/staff-mfa/groups/" + id, settings), 200);
        }
        return id;
    }

    /** Changes one MFA setting of the group at {@code path} through the Staff MFA admin API (null: inherit). */
    public void setGroupSetting(String realm, String path, String setting, String value) {
        String id = get("/realms/" + encode(realm) + "/group-by-path" + path).get("id").asText();
        ObjectNode settings = (ObjectNode) get("/realms/" + encode(realm) + "/staff-mfa/groups/" + id).get("settings");
        putSetting(settings, setting, value);
        expectStatus(put("/realms/" + encode(realm) + "/staff-mfa/groups/" + id, settings), 200);
    }

    /** Sets a realm attribute directly, as an administrator with manage-realm could (null removes it). */
    public void setRealmAttribute(String realm, String name, String value) {
        Map<String, String> one = new java.util.HashMap<>();
        one.put(name, value);
        setRealmAttributes(realm, one);
    }

    /**
     * Sets realm attributes, keeping the others: Keycloak's realm update replaces the whole attribute map, so a PUT
     * with only some attributes would remove the rest (MFA group settings included).
     */
    public void setRealmAttributes(String realm, Map<String, String> values) {
        ObjectNode representation = (ObjectNode) get("/realms/" + encode(realm));
        ObjectNode attributes = representation.has("attributes") ? (ObjectNode) representation.get("attributes")
            : representation.putObject("attributes");
        values.forEach((name, value) -> {
            if (value == null) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        });
        expectStatus(put("/realms/" + encode(realm), representation), 204);
    }

    /** Exempts a client from MFA through the Staff MFA admin API; returns its internal id. */
    public String exemptClient(String realm, String clientId, String reason) {
        String id = get("/realms/" + encode(realm) + "/clients?clientId=" + encode(clientId)).get(0).get("id").asText();
        expectStatus(put("/realms/" + encode(realm) + "/staff-mfa/clients/" + id + "/exemption",
            JSON.createObjectNode().put("reason", reason)), 200);
        return id;
    }

    private static void putSetting(ObjectNode settings, String setting, String value) {
        String field = switch (setting) {
            case "staff-mfa.mode" -> "mode";
            case "staff-mfa.factors" -> "factors";
            case "staff-mfa.recheck-interval" -> "recheckInterval";
            case "staff-mfa.remember-browser" -> "rememberBrowser";
            default -> throw new IllegalArgumentException("Not an MFA group setting: " + setting);
        };
        if (value == null) {
            settings.putNull(field);
        } else if (field.equals("factors")) {
            ArrayNode factors = settings.putArray(field);
            for (String factor : value.split("[,\\s]+")) {
                factors.add(factor);
            }
        } else {
            settings.put(field, value);
        }
    }

    /** Moves a user from one group to another, both given as paths such as {@code /staff/systems}. */
    public void moveUser(String realm, String username, String fromPath, String toPath) {
        String userPath = "/realms/" + encode(realm) + "/users/" + user(realm, username).get("id").asText() + "/groups/";
        String from = get("/realms/" + encode(realm) + "/group-by-path" + fromPath).get("id").asText();
        String to = get("/realms/" + encode(realm) + "/group-by-path" + toPath).get("id").asText();
        expectStatus(put(userPath + to, json()), 204);
        expectStatus(delete(userPath + from), 204);
    }

    /** Creates a client from JSON; returns its internal id. */
    public String createClient(String realm, ObjectNode client) {
        HttpResponse<String> response = post("/realms/" + encode(realm) + "/clients", client);
        expectStatus(response, 201);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Sets one attribute of a client (a blank value counts as unset for the extension). */
    public void setClientAttribute(String realm, String clientId, String attribute, String value) {
        JsonNode client = get("/realms/" + encode(realm) + "/clients?clientId=" + encode(clientId)).get(0);
        ObjectNode attributes = (ObjectNode) client.get("attributes");
        attributes.put(attribute, value);
        expectStatus(put("/realms/" + encode(realm) + "/clients/" + client.get("id").asText(), client), 204);
    }

    /** Gives a user client roles of the realm's realm-management client, e.g. manage-users. */
    public void grantRealmManagementRoles(String realm, String username, String... roles) {
        String clientId = get("/realms/" + encode(realm) + "/clients?clientId=realm-management").get(0).get("id").asText();
        ArrayNode wanted = JSON.createArrayNode();
        for (String role : roles) {
            wanted.add(get("/realms/" + encode(realm) + "/clients/" + clientId + "/roles/" + encode(role)));
        }
        expectStatus(post("/realms/" + encode(realm) + "/users/" + user(realm, username).get("id").asText()
            + "/role-mappings/clients/" + clientId, wanted), 204);
    }

    public static ObjectNode json() {
        return JSON.createObjectNode();
    }

    /** Keycloak's brute-force state of the user: {@code disabled}, {@code numFailures}, ... */
    public JsonNode bruteForceStatus(String realm, String username) {
        return get("/realms/" + encode(realm) + "/attack-detection/brute-force/users/" + user(realm, username).get("id").asText());
    }

    /**
     * The user's count of failed logins once it reaches {@code expected}, or whatever it is after 10 seconds: Keycloak
     * counts failures on a background thread, after the response has been sent.
     */
    public int awaitFailures(String realm, String username, int expected) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        int failures = bruteForceStatus(realm, username).path("numFailures").asInt();
        while (failures != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            failures = bruteForceStatus(realm, username).path("numFailures").asInt();
        }
        return failures;
    }

    /** A request body sent exactly as written, e.g. malformed JSON or JSON of the wrong shape. */
    public record RawJson(String text) {
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String method, String path, Object body) {
        HttpResponse<String> response = sendOnce(method, path, body);
        if (response.statusCode() == 401) {
            // The token may have expired early: tests move the server's clock forward.
            synchronized (this) {
                tokenExpiry = Instant.MIN;
            }
            response = sendOnce(method, path, body);
        }
        return response;
    }

    private HttpResponse<String> sendOnce(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(
                        body instanceof RawJson raw ? raw.text() : JSON.writeValueAsString(body)));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (Instant.now().isBefore(tokenExpiry)) {
            return token;
        }
        String form = "grant_type=password&client_id=admin-cli&username=" + encode(username) + "&password=" + encode(password);
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(server.realmUrl(loginRealm) + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
        JsonNode response = expectJson(http.send(request, HttpResponse.BodyHandlers.ofString()), 200);
        token = response.get("access_token").asText();
        tokenExpiry = Instant.now().plusSeconds(response.get("expires_in").asLong()).minus(TOKEN_SAFETY_MARGIN);
        return token;
    }

    static JsonNode expectJson(HttpResponse<String> response, int status) {
        expectStatus(response, status);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + response.body(), e);
        }
    }

    static void expectStatus(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Expected HTTP " + status + " but got " + describe(response));
        }
    }

    private static String describe(HttpResponse<String> response) {
        return response.statusCode() + " from " + response.request().method() + " " + response.uri() + ": " + response.body();
    }
}
