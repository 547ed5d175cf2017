package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the official Keycloak distribution (unpacked by Maven into {@code target/keycloak}) as a child process with
 * the freshly built provider JAR in {@code providers/}: {@code kc.sh start-dev} on free ports, in-memory dev
 * database, console output in {@code target/keycloak.log}. The upgrade test starts its own, on a fixed port and a
 * database file ({@link Launch}).
 */
public final class KeycloakDistribution implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final String INSTALLED_JAR_NAME = "staff-mfa-keycloak.jar";

    private final Process process;
    private final KeycloakServer server;

    private KeycloakDistribution(Process process, KeycloakServer server) {
        this.process = process;
        this.server = server;
    }

    /**
     * How one start differs from the shared server's.
     *
     * @param home            the unpacked distribution
     * @param httpPort        0 for any free port
     * @param databaseOptions e.g. {@code --db=dev-mem}
     * @param logName         the console output's file name in the output directory
     * @param startCommand    {@code start-dev} and its build options, or {@code start --optimized} for a distribution
     *                        built beforehand ({@code kc.sh build}), which refuses build options at start
     */
    public record Launch(Path home, int httpPort, List<String> databaseOptions, String logName, List<String> startCommand) {

        /** A development-mode start ({@code start-dev}), building as it starts. */
        public Launch(Path home, int httpPort, List<String> databaseOptions, String logName) {
            this(home, httpPort, databaseOptions, logName, List.of("start-dev", "--vault=file"));
        }
    }

    static KeycloakDistribution start(Path home, List<Path> providerJars, Path outputDir) {
        return start(new Launch(home, 0, List.of("--db=dev-mem"), "keycloak.log"), providerJars, outputDir);
    }

    /** Starts Keycloak with the extension's JARs and waits until it answers. */
    public static KeycloakDistribution start(Launch launch, List<Path> providerJars, Path outputDir) {
        Path home = launch.home();
        try {
            installProviders(home, providerJars);
            int httpPort = launch.httpPort() == 0 ? FreePort.find() : launch.httpPort();
            int managementPort = FreePort.find();
            Path log = outputDir.resolve(launch.logName());
            Path tmp = Files.createDirectories(outputDir.resolve("tmp/keycloak"));
            Path vault = Files.createDirectories(TestSettings.vaultDir());

            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
            command.addAll(launch.startCommand());
            command.addAll(List.of(
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--vault-dir=" + vault));
            command.addAll(launch.databaseOptions());
            command.addAll(ServerOptions.all());
            ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", TestSettings.adminUsername());
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", TestSettings.adminPassword());
            env.put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + tmp);

            Process process = builder.start();
            KeycloakDistribution distribution =
                new KeycloakDistribution(process, new KeycloakServer("http://localhost:" + httpPort, Optional.of(log)));
            Runtime.getRuntime().addShutdownHook(new Thread(distribution::close, "stop-keycloak"));
            distribution.awaitReady();
            return distribution;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Keycloak from " + home, e);
        }
    }

    public KeycloakServer server() {
        return server;
    }

    /** Copies the JARs only when their content changed, because a changed provider makes Keycloak re-build (~30 s). */
    static void installProviders(Path home, List<Path> jars) throws IOException {
        Path providers = home.resolve("providers");
        for (Path jar : jars) {
            Path target = providers.resolve(jar.getFileName().toString().startsWith("staff-mfa-keycloak")
                ? INSTALLED_JAR_NAME : jar.getFileName().toString());
            if (!Files.exists(target) || Files.mismatch(jar, target) != -1) {
                Files.copy(jar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/realms/master"))
            .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            pause();
        }
        close();
        throw new IllegalStateException("Keycloak did not answer within " + STARTUP_TIMEOUT + ":\n" + logTail());
    }

    private static void pause() {
        try {
            // Polling a starting process: there is no event to wait for.
            TimeUnit.MILLISECONDS.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(server.logFile().orElseThrow(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(log not readable: " + e + ")";
        }
    }

    /** Ends the server at once, as a crash or a pulled plug would: no shutdown of caches or sessions. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (kc.sh forwards it to the JVM), then force after a grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
