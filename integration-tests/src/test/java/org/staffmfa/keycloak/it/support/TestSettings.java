package org.staffmfa.keycloak.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Every setting of the test harness, read in one place from the system properties Failsafe passes in. */
public final class TestSettings {

    private TestSettings() {
    }

    /** URL of an already running Keycloak to test against instead of starting one, e.g. {@code http://localhost:8080}. */
    public static Optional<String> externalKeycloakUrl() {
        return optional("keycloak.url").map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public static Path keycloakHome() {
        return Path.of(required("keycloak.home"));
    }

    /** The Keycloak version the tests run against (for messages; the server itself comes from keycloak.home). */
    public static String keycloakVersion() {
        return optional("keycloak.dist.version").orElse("(version not given)");
    }

    /**
     * The unpacked distributions of the upgrade test: the oldest and the newest supported Keycloak. Only the run over
     * all supported versions ({@code ./test.sh}, Maven profile {@code all-keycloak-versions}) unpacks and names both.
     */
    public static Path upgradeFromHome() {
        return Path.of(required("keycloak.upgrade.from.home",
            "the upgrade test runs with -Pall-keycloak-versions (./test.sh), which unpacks both Keycloaks"));
    }

    public static Path upgradeToHome() {
        return Path.of(required("keycloak.upgrade.to.home",
            "the upgrade test runs with -Pall-keycloak-versions (./test.sh), which unpacks both Keycloaks"));
    }

    public static Path providerJar() {
        Path jar = Path.of(required("staffmfa.provider.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Provider JAR " + jar + " does not exist: build it with ./mvnw package first");
        }
        return jar;
    }

    /** The test-only providers (e.g. the test clock) built from this module's src/main. */
    public static Path testProviderJar() {
        Path jar = Path.of(required("staffmfa.test-provider.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Test provider JAR " + jar + " does not exist: run the tests through Maven");
        }
        return jar;
    }

    public static String adminUsername() {
        return optional("keycloak.admin.username").orElse("admin");
    }

    public static String adminPassword() {
        return optional("keycloak.admin.password").orElse("admin");
    }

    /** The module's {@code target/} folder: logs, screenshots and temporary files go below it. */
    public static Path outputDir() {
        return Path.of(optional("staffmfa.output.dir").orElse("target"));
    }

    /**
     * Whether this run's Keycloak is two nodes on PostgreSQL behind a proxy ({@link KeycloakCluster}) rather than one
     * dev-mode node: {@code -Dstaffmfa.cluster=true}, set by the {@code cluster} execution.
     */
    public static boolean clusterMode() {
        return optional("staffmfa.cluster").map(Boolean::parseBoolean).orElse(false);
    }

    /** The file vault of the harness-started server: a file {@code <realm>_<key>} holds the secret {@code ${vault.key}}. */
    public static Path vaultDir() {
        return outputDir().resolve("vault");
    }

    /**
     * The server's key file for second-factor secrets (option {@code secret-keys-file}), shared by every node the
     * harness starts; {@link SecretKeyFile} writes and rotates it.
     */
    public static Path secretKeyFile() {
        return outputDir().resolve("staff-mfa-secret-keys");
    }

    private static Optional<String> optional(String name) {
        return Optional.ofNullable(System.getProperty(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static String required(String name) {
        return required(name, "run the integration tests through Maven (see integration-tests/README.md)");
    }

    private static String required(String name, String hint) {
        return optional(name).orElseThrow(() -> new IllegalStateException(
            "System property " + name + " is not set; " + hint));
    }
}
