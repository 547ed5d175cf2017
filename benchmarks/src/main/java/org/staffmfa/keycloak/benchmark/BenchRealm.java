package org.staffmfa.keycloak.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmark realm: the demo realm's settings and flows (brute-force protection, events, the staff browser flow),
 * no demo users, and per variant its users and client. Created fresh for every run, deleted afterwards.
 */
final class BenchRealm {

    static final String NAME = "staff-mfa-benchmark";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String baseUrl;
    private final AdminCalls admin;

    BenchRealm(HttpClient http, String baseUrl, String adminUser, String adminPassword) {
        this.baseUrl = baseUrl;
        this.admin = new AdminCalls(http, baseUrl, adminUser, adminPassword);
    }

    String url() {
        return baseUrl + "/realms/" + NAME;
    }

    /** Creates the realm with {@code usersPerVariant.get(v)} users for each variant; returns them. */
    /**
     * @param lightHash passwords hashed with one round of PBKDF2-SHA256 instead of Keycloak's argon2 default, so that
     *                  what a second factor costs is not drowned by password hashing (never for real realms)
     */
    /** @param scaleGroups how many groups the realm gets for variant G's users (each in 50 of them), 0 for none */
    Map<Variant, List<BenchUser>> create(Map<Variant, Integer> usersPerVariant, int smtpPort, boolean lightHash,
                                         int scaleGroups) throws IOException, InterruptedException {
        admin("DELETE", "/admin/realms/" + NAME, null);
        ObjectNode realm = demoRealm();
        realm.put("realm", NAME).put("displayName", "Staff MFA benchmark");
        if (lightHash) {
            realm.put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1)");
        }
        realm.putObject("smtpServer").put("host", "127.0.0.1").put("port", Integer.toString(smtpPort))
            .put("from", "keycloak@bench.example");
        // The per-user hourly cap on code mails (default 10, at most 1000) would stop variant E after a few rounds.
        // (the email code settings are a component of the realm, see docs/factors/codes.md)
        ((ArrayNode) realm.get("components").get("org.staffmfa.keycloak.channelsettings.ChannelSettingsProvider"))
            .addObject().put("name", "Staff MFA email codes").put("providerId", "staff-mfa-code-channel").put("subType", "email")
            .putObject("config").putArray("max-messages-per-hour").add("1000");
        ArrayNode groups = (ArrayNode) realm.get("groups");
        groups.add(group("bench-required", "required", "totp", "0", "never"));
        groups.add(group("bench-remembered", "required", "totp", "PT12H", "always"));
        groups.add(group("bench-email", "required", "email", "0", "never"));
        groups.addAll(ScaleGroups.tree(scaleGroups));
        ArrayNode clients = (ArrayNode) realm.get("clients");
        for (String clientId : List.of("bench-stock", "bench-staff", "bench-exempt")) {
            ObjectNode client = clients.addObject().put("clientId", clientId).put("enabled", true)
                .put("publicClient", true).put("standardFlowEnabled", true).put("directAccessGrantsEnabled", false);
            client.putArray("redirectUris").add(LoginDriver.REDIRECT);
        }
        Map<Variant, List<BenchUser>> users = new EnumMap<>(Variant.class);
        // The users come with the realm: a realm being created may bring second factors, whereas adding them later
        // through the admin API needs the realm's manage-mfa role (the extension's guard against planted factors).
        ArrayNode representations = realm.putArray("users");
        for (Variant variant : Variant.values()) {
            List<BenchUser> list = new ArrayList<>();
            for (int i = 0; i < usersPerVariant.get(variant); i++) {
                byte[] secret = new byte[20];
                RANDOM.nextBytes(secret);
                String username = variant.userPrefix + "-" + i;
                BenchUser user = new BenchUser(username, username + "-pw-" + RANDOM.nextInt(1_000_000), secret,
                    username + "@bench.example");
                list.add(user);
                ObjectNode representation = representation(variant, user);
                if (variant == Variant.G) {
                    ScaleGroups.memberships(scaleGroups).forEach(((ArrayNode) representation.get("groups"))::add);
                }
                representations.add(representation);
            }
            users.put(variant, list);
        }
        expect(admin("POST", "/admin/realms", realm), 201, "create realm");
        String stockFlow = flowId("browser");
        ObjectNode stockClient = (ObjectNode) client("bench-stock");
        stockClient.putObject("authenticationFlowBindingOverrides").put("browser", stockFlow);
        expect(admin("PUT", "/admin/realms/" + NAME + "/clients/" + stockClient.get("id").asText(), stockClient), 204, "stock flow");
        expect(admin("PUT", "/admin/realms/" + NAME + "/staff-mfa/clients/" + client("bench-exempt").get("id").asText()
            + "/exemption", JSON.createObjectNode().put("reason", "benchmark variant F")), 200, "exempt client");

        return users;
    }

    void delete() throws IOException, InterruptedException {
        admin("DELETE", "/admin/realms/" + NAME, null);
    }

    /**
     * Ends every session of the realm, between slices: each login leaves a user session, which Keycloak keeps in its
     * database until it expires; without this a long run would measure logins against an ever larger session table.
     */
    void logOutEveryone() throws IOException, InterruptedException {
        expect(admin("POST", "/admin/realms/" + NAME + "/logout-all", null), 200, "logout-all");
    }

    private ObjectNode representation(Variant variant, BenchUser user) {
        ObjectNode json = JSON.createObjectNode().put("username", user.username).put("enabled", true)
            .put("email", user.email).put("emailVerified", true).put("firstName", user.username).put("lastName", "Bench");
        ArrayNode groups = json.putArray("groups");
        switch (variant) {
            case C, F, G -> groups.add("/bench-required");
            case D -> groups.add("/bench-remembered");
            case E -> groups.add("/bench-email");
            default -> { }
        }
        ArrayNode credentials = json.putArray("credentials");
        credentials.addObject().put("type", "password").put("value", user.password).put("temporary", false);
        if (variant != Variant.A && variant != Variant.E) {
            credentials.addObject().put("type", "otp").put("userLabel", "Bench app")
                .put("secretData", "{\"value\":\"" + Totp.base32(user.totpSecret) + "\"}")
                .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                    + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}");
        }
        if (variant == Variant.E) {
            credentials.addObject().put("type", "staff-mfa-email").put("userLabel", user.email).put("secretData", "{}")
                .put("credentialData", "{\"address\":\"" + user.email + "\"}");
        }
        return json;
    }

    private static ObjectNode group(String name, String mode, String factors, String recheck, String remember) {
        ObjectNode group = JSON.createObjectNode().put("name", name);
        ObjectNode attributes = group.putObject("attributes");
        attributes.putArray("staff-mfa.mode").add(mode);
        attributes.putArray("staff-mfa.factors").add(factors);
        attributes.putArray("staff-mfa.recheck-interval").add(recheck);
        attributes.putArray("staff-mfa.remember-browser").add(remember);
        return group;
    }

    private ObjectNode demoRealm() throws IOException {
        try (InputStream in = BenchRealm.class.getResourceAsStream("/realm-export/library-staff-realm.json")) {
            if (in == null) {
                throw new IOException("Demo realm not on the class path");
            }
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private String flowId(String alias) throws IOException, InterruptedException {
        for (JsonNode flow : JSON.readTree(admin("GET", "/admin/realms/" + NAME + "/authentication/flows", null).body())) {
            if (alias.equals(flow.get("alias").asText())) {
                return flow.get("id").asText();
            }
        }
        throw new IOException("No flow " + alias);
    }

    private JsonNode client(String clientId) throws IOException, InterruptedException {
        return JSON.readTree(admin("GET", "/admin/realms/" + NAME + "/clients?clientId=" + clientId, null).body()).get(0);
    }

    private HttpResponse<String> admin(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return admin.send(method, path, body);
    }

    private static void expect(HttpResponse<String> response, int status, String what) throws IOException {
        AdminCalls.expect(response, status, what);
    }
}
