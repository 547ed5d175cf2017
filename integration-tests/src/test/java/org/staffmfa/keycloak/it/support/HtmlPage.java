package org.staffmfa.keycloak.it.support;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What the test client ended on: a Keycloak page, or a redirect that leaves Keycloak (to the application's redirect
 * URI). {@link #hops()} keeps every response on the way, for assertions on headers such as Set-Cookie.
 */
public final class HtmlPage {

    private final URI url;
    private final int status;
    private final HttpHeaders headers;
    private final String body;
    private final List<Hop> hops;
    private Document document;

    /** One response on the way to this page. */
    public record Hop(URI url, int status, HttpHeaders headers) {
    }

    HtmlPage(URI url, int status, HttpHeaders headers, String body, List<Hop> hops) {
        this.url = url;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.hops = List.copyOf(hops);
    }

    public URI url() {
        return url;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public String body() {
        return body;
    }

    public List<Hop> hops() {
        return hops;
    }

    /** Every Set-Cookie header on the way to this page whose cookie name starts with the prefix. */
    /** In a cluster run: the node that served each request of this page, redirects included, in order. */
    public List<String> servedBy() {
        return hops().stream().map(hop -> hop.headers().firstValue(NodeProxy.SERVED_BY_HEADER).orElse("?")).toList();
    }

    public List<String> setCookies(String namePrefix) {
        return hops.stream()
            .flatMap(hop -> hop.headers().allValues("Set-Cookie").stream())
            .filter(header -> header.startsWith(namePrefix))
            .toList();
    }

    public Document document() {
        if (document == null) {
            document = Jsoup.parse(body, url.toString());
        }
        return document;
    }

    /** Where the server sent the client outside Keycloak, e.g. the application's redirect URI with the code. */
    public Optional<URI> redirectOutsideKeycloak() {
        return status / 100 == 3 ? headers.firstValue("Location").map(url::resolve) : Optional.empty();
    }

    public Form form(String cssSelector) {
        Element form = document().selectFirst(cssSelector);
        if (form == null || !"form".equals(form.tagName())) {
            throw new AssertionError("No form " + cssSelector + " on " + url + ":\n" + text());
        }
        return new Form(form, url);
    }

    public boolean has(String cssSelector) {
        return document().selectFirst(cssSelector) != null;
    }

    /** Text of the first element matching the selector, or empty. */
    public String text(String cssSelector) {
        Element element = document().selectFirst(cssSelector);
        return element == null ? "" : element.text();
    }

    /** Texts of every element matching the selector, in page order. */
    public List<String> texts(String cssSelector) {
        return document().select(cssSelector).stream().map(Element::text).toList();
    }

    /** Visible text of the page, for failure messages and content checks. */
    public String text() {
        return document().body() == null ? body : document().body().text();
    }

    public String title() {
        return document().title();
    }

    @Override
    public String toString() {
        return status + " " + url + " \"" + title() + "\"";
    }
}
