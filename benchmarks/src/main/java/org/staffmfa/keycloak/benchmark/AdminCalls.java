package org.staffmfa.keycloak.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keycloak admin REST calls as the master realm's administrator, each with a fresh token (the benchmark and its realm
 * set-up outlast one: the master realm's tokens live a minute).
 */
final class AdminCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String user;
    private final String password;

    AdminCalls(HttpClient http, String baseUrl, String user, String password) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    HttpResponse<String> send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return send(method, path, body, token());
    }

    /** A call with a token from {@link #token()}: for timing the call alone. */
    HttpResponse<String> send(String method, String path, JsonNode body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void expect(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    String token() throws IOException, InterruptedException {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8)))
            .build(), HttpResponse.BodyHandlers.ofString());
        expect(token, 200, "admin login");
        return JSON.readTree(token.body()).get("access_token").asText();
    }
}
