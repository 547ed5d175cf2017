package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two Keycloak nodes on one PostgreSQL database behind a {@link NodeProxy}, as a site runs them: the distribution is
 * copied and built once for PostgreSQL ({@code kc.sh build --db=postgres}), each node starts with
 * {@code start --optimized} on its own HTTP, management and cluster ports on 127.0.0.1, and Keycloak's default
 * cache stack (jdbc-ping: the nodes find each other through the shared database) joins them into one Infinispan
 * cluster. Both nodes' {@code hostname} is the proxy's URL, so either issues the same links and tokens.
 */
public final class KeycloakCluster implements AutoCloseable {

    public static final List<String> NODES = List.of("a", "b");

    private static final Duration CLUSTER_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern CLUSTER_VIEW = Pattern.compile(
        "ISPN000094: Received new cluster view for channel \\S+: \\[[^\\]]*\\] \\((\\d+)\\)");

    private final Path home;
    private final Path folder;
    private final PostgresServer database;
    private final NodeProxy proxy;
    private final Map<String, Integer> httpPorts;
    private final Map<String, KeycloakDistribution> running = new LinkedHashMap<>();
    private final PrintStream proxyLog;

    private KeycloakCluster(Path home, Path folder, PostgresServer database, NodeProxy proxy, PrintStream proxyLog,
                            Map<String, Integer> httpPorts) {
        this.home = home;
        this.folder = folder;
        this.database = database;
        this.proxy = proxy;
        this.proxyLog = proxyLog;
        this.httpPorts = httpPorts;
    }

    /** Builds, starts and joins the two nodes; fails unless both report a cluster of two. */
    public static KeycloakCluster start(Path distribution, List<Path> providerJars, Path folder) {
        try {
            Files.createDirectories(folder);
            Path home = buildForPostgres(distribution, providerJars, folder);
            PostgresServer database = PostgresServer.start(folder.resolve("postgres"));
            Map<String, Integer> httpPorts = new LinkedHashMap<>();
            Map<String, URI> nodeUrls = new LinkedHashMap<>();
            for (String node : NODES) {
                int port = FreePort.find();
                httpPorts.put(node, port);
                nodeUrls.put(node, URI.create("http://127.0.0.1:" + port));
            }
            PrintStream proxyLog = new PrintStream(Files.newOutputStream(folder.resolve("proxy.log")), true,
                StandardCharsets.UTF_8);
            NodeProxy proxy = NodeProxy.start(FreePort.find(), nodeUrls, proxyLog);
            KeycloakCluster cluster = new KeycloakCluster(home, folder, database, proxy, proxyLog, httpPorts);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-cluster"));
            for (String node : NODES) {
                cluster.startNode(node);
            }
            cluster.awaitMembers(NODES.size());
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Keycloak cluster in " + folder, e);
        }
    }

    /** The public URL (the proxy), as users and applications see it. */
    public KeycloakServer server() {
        return new KeycloakServer("http://localhost:" + proxy.port(), Optional.of(folder.resolve("proxy.log")));
    }

    /** One node reached directly, e.g. for an administrator's REST calls that must land on that node. */
    public KeycloakServer node(String name) {
        return new KeycloakServer("http://localhost:" + httpPorts.get(name), Optional.of(nodeLog(name)));
    }

    /** Stops a node at once (a crash: no orderly leave), as a failing server or a pulled plug would. */
    public void kill(String name) {
        KeycloakDistribution node = running.remove(name);
        if (node != null) {
            node.kill();
        }
    }

    /** Starts a stopped node again and waits until the cluster has all its members. */
    public void restart(String name) {
        if (!running.containsKey(name)) {
            startNode(name);
        }
        awaitMembers(NODES.size());
    }

    /** The newest cluster size each running node reported in its log. */
    public Map<String, Integer> membersSeen() {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String node : running.keySet()) {
            seen.put(node, lastClusterSize(nodeLog(node)));
        }
        return seen;
    }

    private void startNode(String name) {
        List<String> options = new ArrayList<>(database.keycloakOptions());
        options.addAll(List.of(
            "--hostname=" + server().baseUrl(),
            "--cache-embedded-network-bind-address=127.0.0.1",
            "--cache-embedded-network-bind-port=" + FreePort.find()));
        Path nodeFolder = folder.resolve("node-" + name);
        try {
            Files.createDirectories(nodeFolder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KeycloakDistribution.Launch launch = new KeycloakDistribution.Launch(home, httpPorts.get(name), options,
            "keycloak.log", List.of("start", "--optimized", "--http-enabled=true"));
        running.put(name, KeycloakDistribution.start(launch, List.of(), nodeFolder));
    }

    private Path nodeLog(String name) {
        return folder.resolve("node-" + name).resolve("keycloak.log");
    }

    private void awaitMembers(int expected) {
        Instant deadline = Instant.now().plus(CLUSTER_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (membersSeen().values().stream().allMatch(size -> size == expected)
                && running.size() == expected) {
                return;
            }
            try {
                // The cluster view arrives in the logs a moment after the second node answers HTTP.
                TimeUnit.MILLISECONDS.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
        throw new IllegalStateException("The nodes did not form a cluster of " + expected + ": " + membersSeen()
            + " (see " + folder + "/node-*/keycloak.log)");
    }

    private static int lastClusterSize(Path log) {
        try {
            Matcher matcher = CLUSTER_VIEW.matcher(Files.readString(log, StandardCharsets.UTF_8));
            int size = 0;
            while (matcher.find()) {
                size = Integer.parseInt(matcher.group(1));
            }
            return size;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * A copy of the unpacked distribution with the JARs installed, built for PostgreSQL with health and metrics: the
     * optimized start of a production site. Built afresh each run, since the JARs change between runs.
     */
    private static Path buildForPostgres(Path distribution, List<Path> providerJars, Path folder) throws IOException {
        Path home = folder.resolve("keycloak");
        Folders.deleteRecursively(home);
        // Not the dev server's database and caches: this copy gets its own database.
        Folders.copyRecursively(distribution, home, Set.of("data"));
        KeycloakDistribution.installProviders(home, providerJars);
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "build", "--db=postgres", "--cache=ispn",
            "--health-enabled=true", "--metrics-enabled=true", "--vault=file");
        Path log = folder.resolve("build.log");
        Process build = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
                throw new IllegalStateException("kc.sh build failed:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        return home;
    }

    @Override
    public void close() {
        for (String node : List.copyOf(running.keySet())) {
            running.remove(node).close();
        }
        proxy.close();
        proxyLog.close();
        database.close();
    }
}
