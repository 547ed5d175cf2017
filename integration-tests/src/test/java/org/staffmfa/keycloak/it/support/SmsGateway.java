package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local HTTP server standing in for SMS gateways (the generic webhook and Twilio): records every request, and
 * answers with a configurable status.
 *
 * <pre>{@code @RegisterExtension static final SmsGateway gateway = new SmsGateway();}</pre>
 */
public final class SmsGateway implements BeforeAllCallback, AfterAllCallback {

    /** One request as the gateway received it. */
    public record Received(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }

        /** The first run of 6 to 8 digits in the body: the code in the message text. */
        public String code() {
            Matcher matcher = Pattern.compile("(?<![0-9+])[0-9]{6,8}(?![0-9])").matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("No code in " + body);
            }
            return matcher.group();
        }
    }

    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (received) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
                received.notifyAll();
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.stop(0);
        }
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void answerWith(int httpStatus) {
        status.set(httpStatus);
    }

    public int count() {
        synchronized (received) {
            return received.size();
        }
    }

    /** Waits for the message after the first {@code countBefore} ones (the server sends before the page returns). */
    public Received next(int countBefore) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        synchronized (received) {
            while (received.size() <= countBefore) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("The gateway received no message");
                }
                try {
                    received.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UncheckedIOException(new IOException(e));
                }
            }
            return received.get(countBefore);
        }
    }

    public List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }
}
