package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The one public URL in front of several Keycloak nodes, as a site's load balancer would be, with nothing but the
 * JDK. A request with the header {@value #ROUTE_HEADER} ({@code a}, {@code b}, ...) goes to that node; any other
 * request goes to the nodes in turn, skipping a node that does not answer. Every response says which node served
 * it ({@value #SERVED_BY_HEADER}), and every request is logged with its node (path only: query strings carry
 * session codes). No stickiness: that is the point, every step of a login may land on another node.
 *
 * <p>Run alone by {@code scripts/cluster-demo.sh}: {@code NodeProxy 8080 a=http://127.0.0.1:8081 b=...}.
 */
public final class NodeProxy implements AutoCloseable {

    public static final String ROUTE_HEADER = "X-Staff-Mfa-Node";
    public static final String SERVED_BY_HEADER = "X-Staff-Mfa-Served-By";

    /** Hop-by-hop headers and those the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host",
        "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "http2-settings",
        ROUTE_HEADER.toLowerCase(Locale.ROOT));

    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, URI> nodes;
    private final List<String> names;
    private final AtomicInteger turn = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
    private final PrintStream log;

    private NodeProxy(HttpServer server, ExecutorService workers, Map<String, URI> nodes, PrintStream log) {
        this.server = server;
        this.workers = workers;
        this.nodes = nodes;
        this.names = List.copyOf(nodes.keySet());
        this.log = log;
    }

    /** Listens on 127.0.0.1:{@code port} and forwards to the nodes, named in order (e.g. a, b). */
    public static NodeProxy start(int port, Map<String, URI> nodes, PrintStream log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        ExecutorService workers = Executors.newFixedThreadPool(32);
        NodeProxy proxy = new NodeProxy(server, workers, new LinkedHashMap<>(nodes), log);
        server.createContext("/", proxy::handle);
        server.setExecutor(workers);
        server.start();
        return proxy;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String pinned = exchange.getRequestHeaders().getFirst(ROUTE_HEADER);
            if (pinned != null && !nodes.containsKey(pinned)) {
                answer(exchange, 400, "No node named " + pinned);
                return;
            }
            List<String> candidates = pinned != null ? List.of(pinned) : inTurn();
            for (String node : candidates) {
                try {
                    HttpResponse<InputStream> response = client.send(forwarded(exchange, node, body),
                        HttpResponse.BodyHandlers.ofInputStream());
                    relay(exchange, node, response);
                    return;
                } catch (IOException e) {
                    log("node " + node + " unreachable  " + exchange.getRequestMethod() + " " + path(exchange) + "  " + e);
                }
            }
            answer(exchange, 502, "No node answered");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> inTurn() {
        int first = Math.floorMod(turn.getAndIncrement(), names.size());
        List<String> order = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            order.add(names.get((first + i) % names.size()));
        }
        return order;
    }

    private HttpRequest forwarded(HttpExchange exchange, String node, byte[] body) {
        URI target = nodes.get(node).resolve(exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(60))
            .method(exchange.getRequestMethod(), body.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    private void relay(HttpExchange exchange, String node, HttpResponse<InputStream> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !lower.startsWith(":")) {
                exchange.getResponseHeaders().put(name, new ArrayList<>(values));
            }
        });
        exchange.getResponseHeaders().set(SERVED_BY_HEADER, node);
        byte[] bytes;
        try (InputStream in = response.body()) {
            bytes = in.readAllBytes();
        }
        boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        log("node " + node + "  " + exchange.getRequestMethod() + " " + path(exchange) + " -> " + response.statusCode());
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String path(HttpExchange exchange) {
        return exchange.getRequestURI().getRawPath();
    }

    private void log(String line) {
        synchronized (log) {
            log.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "  " + line);
            log.flush();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    /** {@code NodeProxy <port> <name>=<url>...}: runs until killed, logging each request's node to standard output. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: NodeProxy <port> a=http://127.0.0.1:8081 b=http://127.0.0.1:8082");
            System.exit(2);
        }
        Map<String, URI> nodes = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] nameAndUrl = args[i].split("=", 2);
            nodes.put(nameAndUrl[0], URI.create(nameAndUrl[1]));
        }
        NodeProxy proxy = start(Integer.parseInt(args[0]), nodes, System.out);
        System.out.println("Proxy on http://localhost:" + proxy.port() + " in front of " + nodes);
    }
}
