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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A scripted browser without JavaScript: keeps cookies, follows redirects while they stay on the Keycloak server,
 * fills and submits forms. It stops at a redirect that leaves Keycloak (see {@link HtmlPage#redirectOutsideKeycloak()}).
 */
public final class WebClient {

    private static final int MAX_REDIRECTS = 20;

    private final String keycloakBaseUrl;
    private final LocalhostCookieJar cookies = new LocalhostCookieJar();
    private final HttpClient http;
    private String acceptLanguage = "en";
    private volatile String node;

    public WebClient(KeycloakServer server) {
        this.keycloakBaseUrl = server.baseUrl();
        this.http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    }

    public LocalhostCookieJar cookies() {
        return cookies;
    }

    /** The browser language Keycloak chooses its messages by, e.g. {@code de}. */
    public WebClient acceptLanguage(String languageTag) {
        this.acceptLanguage = languageTag;
        return this;
    }

    /**
     * In a cluster run: sends every following request to that node ({@code a}, {@code b}) through the proxy's routing
     * header; {@code null} lets the proxy take the nodes in turn.
     */
    public WebClient onNode(String nodeName) {
        this.node = nodeName;
        return this;
    }

    public HtmlPage get(String url) {
        return follow(request(URI.create(url)).GET().build(), new ArrayList<>());
    }

    public HtmlPage post(URI url, Map<String, String> fields) {
        return follow(request(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(urlEncode(fields)))
            .build(), new ArrayList<>());
    }

    /**
     * Submits a form with extra request headers on the first request only, e.g. {@code X-Forwarded-Proto: https} as
     * a TLS-terminating proxy in front of Keycloak would add.
     */
    public HtmlPage submit(Form form, Map<String, String> headers) {
        HttpRequest.Builder request = request(form.action())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(urlEncode(form.fields())));
        headers.forEach(request::header);
        return follow(request.build(), new ArrayList<>());
    }

    public HtmlPage submit(Form form) {
        if (form.method().equals("GET")) {
            String separator = form.action().getQuery() == null ? "?" : "&";
            return get(form.action() + separator + urlEncode(form.fields()));
        }
        return post(form.action(), form.fields());
    }

    public static String urlEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
            .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    private HttpRequest.Builder request(URI url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "text/html,application/xhtml+xml,*/*")
            .header("Accept-Language", acceptLanguage);
        String target = node;
        if (target != null) {
            request.header(NodeProxy.ROUTE_HEADER, target);
        }
        return request;
    }

    private HtmlPage follow(HttpRequest request, List<HtmlPage.Hop> hops) {
        HttpRequest current = request;
        for (int i = 0; i <= MAX_REDIRECTS; i++) {
            HttpResponse<String> response = send(current);
            hops.add(new HtmlPage.Hop(response.uri(), response.statusCode(), response.headers()));
            boolean redirect = response.statusCode() / 100 == 3 && response.headers().firstValue("Location").isPresent();
            if (!redirect) {
                return new HtmlPage(response.uri(), response.statusCode(), response.headers(), response.body(), hops);
            }
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            if (!next.toString().startsWith(keycloakBaseUrl + "/")) {
                return new HtmlPage(response.uri(), response.statusCode(), response.headers(), response.body(), hops);
            }
            current = request(next).GET().build();
        }
        throw new AssertionError("More than " + MAX_REDIRECTS + " redirects starting at " + request.uri());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
