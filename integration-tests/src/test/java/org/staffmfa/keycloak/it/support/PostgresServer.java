package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for the cluster tests, from Debian's {@code postgresql} package (installed by
 * {@code scripts/install-test-prerequisites.sh}): a fresh data folder, a free port on 127.0.0.1, one database
 * {@code keycloak} owned by the user {@code keycloak}. PostgreSQL refuses to run as root, so under root the server
 * runs as the package's unprivileged {@code postgres} user. The package's own service is never touched.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "keycloak";
    public static final String USER = "keycloak";
    public static final String PASSWORD = "keycloak";

    private static final String UNPRIVILEGED_USER = "postgres";

    private final Path binaries;
    private final Path folder;
    private final Path dataDir;
    private final int port;

    private PostgresServer(Path binaries, Path folder, Path dataDir, int port) {
        this.binaries = binaries;
        this.folder = folder;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Creates a database cluster in {@code requested} (emptied first), starts it and creates the Keycloak database.
     * Under root the server runs as the {@code postgres} user, which may not be able to enter a checkout in a private
     * folder (e.g. one made by {@code mktemp -d}, mode 700): then the cluster lives in a fresh folder under the system's
     * temporary directory instead, removed again at the end.
     */
    public static PostgresServer start(Path requested) {
        Path folder = requested;
        try {
            Path binaries = findBinaries();
            if (runningAsRoot()) {
                folder = Files.createTempDirectory("staff-mfa-postgres-");
            }
            Folders.deleteRecursively(folder);
            Path dataDir = Files.createDirectories(folder).resolve("data");
            Path socketDir = Files.createDirectories(folder.resolve("socket"));
            handToUnprivilegedUser(folder);
            PostgresServer server = new PostgresServer(binaries, folder, dataDir, FreePort.find());
            server.run(List.of(binaries.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-locale"));
            server.run(List.of(binaries.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w",
                "-l", folder.resolve("postgres.log").toString(),
                "-o", "-p " + server.port + " -k " + socketDir + " -c listen_addresses=127.0.0.1", "start"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-postgres"));
            server.run(List.of(binaries.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(server.port),
                "-U", "postgres", "-v", "ON_ERROR_STOP=1",
                "-c", "create user " + USER + " password '" + PASSWORD + "'",
                "-c", "create database " + DATABASE + " owner " + USER));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + folder, e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Keycloak's options for this database. */
    public List<String> keycloakOptions() {
        return List.of("--db-url=" + jdbcUrl(), "--db-username=" + USER, "--db-password=" + PASSWORD);
    }

    @Override
    public void close() {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            run(List.of(binaries.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
        }
        if (runningAsRoot() && folder.getFileName().toString().startsWith("staff-mfa-postgres-")) {
            try {
                Folders.deleteRecursively(folder);
            } catch (IOException e) {
                // Only a leftover under the temporary directory.
            }
        }
    }

    private static Path findBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                // The newest installed major version.
                var newest = versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql: run "
            + "scripts/install-test-prerequisites.sh (Debian package postgresql)");
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void handToUnprivilegedUser(Path folder) {
        if (runningAsRoot()) {
            runCommand(List.of("chown", "-R", UNPRIVILEGED_USER + ":", folder.toString()));
        }
    }

    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", UNPRIVILEGED_USER, "--"));
        }
        full.addAll(command);
        runCommand(full);
    }

    private static void runCommand(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
