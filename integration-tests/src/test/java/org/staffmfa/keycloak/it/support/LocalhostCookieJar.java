package org.staffmfa.keycloak.it.support;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A browser-like cookie store for the test HTTP client. Unlike Java's {@code CookieManager} it sends {@code Secure}
 * cookies over plain http to localhost, as browsers do: Keycloak 26 marks its login cookies Secure and the test server
 * speaks plain http on loopback.
 */
public final class LocalhostCookieJar extends CookieHandler {

    private final List<HttpCookie> cookies = new ArrayList<>();

    @Override
    public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String header = cookies.stream()
            .filter(cookie -> !cookie.hasExpired())
            .filter(cookie -> domainMatches(cookie, uri.getHost()) && pathMatches(cookie, uri.getPath()))
            .map(cookie -> cookie.getName() + "=" + cookie.getValue())
            .collect(Collectors.joining("; "));
        return header.isEmpty() ? Map.of() : Map.of("Cookie", List.of(header));
    }

    @Override
    public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if ("set-cookie".equalsIgnoreCase(name)) {
                values.forEach(value -> HttpCookie.parse(value).forEach(cookie -> store(uri, cookie)));
            }
        });
    }

    /** Adds or replaces a cookie, e.g. a tampered copy of one the server set. */
    public synchronized void set(String host, String path, String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setDomain(host);
        cookie.setPath(path);
        replace(cookie);
    }

    public synchronized Optional<HttpCookie> find(String name) {
        return cookies.stream().filter(cookie -> cookie.getName().equals(name) && !cookie.hasExpired()).findFirst();
    }

    public synchronized void remove(String name) {
        cookies.removeIf(cookie -> cookie.getName().equals(name));
    }

    public synchronized void clear() {
        cookies.clear();
    }

    /** Drops every cookie whose name does not pass the filter, e.g. to end the SSO session but keep others. */
    public synchronized void keepOnly(java.util.function.Predicate<String> name) {
        cookies.removeIf(cookie -> !name.test(cookie.getName()));
    }

    public synchronized List<HttpCookie> all() {
        return List.copyOf(cookies);
    }

    private void store(URI uri, HttpCookie cookie) {
        if (cookie.getDomain() == null) {
            cookie.setDomain(uri.getHost());
        }
        if (cookie.getPath() == null) {
            String path = uri.getPath();
            cookie.setPath(path == null || path.lastIndexOf('/') <= 0 ? "/" : path.substring(0, path.lastIndexOf('/')));
        }
        if (cookie.getMaxAge() == 0) {
            cookies.removeIf(existing -> sameSlot(existing, cookie));
        } else {
            replace(cookie);
        }
    }

    private void replace(HttpCookie cookie) {
        cookies.removeIf(existing -> sameSlot(existing, cookie));
        cookies.add(cookie);
    }

    private static boolean sameSlot(HttpCookie a, HttpCookie b) {
        return a.getName().equals(b.getName()) && a.getDomain().equalsIgnoreCase(b.getDomain())
            && a.getPath().equals(b.getPath());
    }

    private static boolean domainMatches(HttpCookie cookie, String host) {
        String domain = cookie.getDomain().toLowerCase(Locale.ROOT);
        domain = domain.startsWith(".") ? domain.substring(1) : domain;
        String requestHost = host.toLowerCase(Locale.ROOT);
        return requestHost.equals(domain) || requestHost.endsWith("." + domain);
    }

    private static boolean pathMatches(HttpCookie cookie, String requestPath) {
        String path = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        String cookiePath = cookie.getPath();
        return path.equals(cookiePath) || path.startsWith(cookiePath.endsWith("/") ? cookiePath : cookiePath + "/");
    }
}
