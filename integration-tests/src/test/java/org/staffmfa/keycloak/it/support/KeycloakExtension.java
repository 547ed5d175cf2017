package org.staffmfa.keycloak.it.support;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one Keycloak per test run: the first test class that needs it starts the distribution (or connects to
 * {@code -Dkeycloak.url}); JUnit closes it when the whole run ends. In cluster mode ({@link TestSettings#clusterMode()})
 * that Keycloak is two nodes behind one proxy URL ({@link KeycloakCluster}). Test methods may take
 * {@link KeycloakServer}, {@link AdminClient} or, in cluster mode, {@link KeycloakCluster} parameters.
 */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    public static KeycloakServer server(ExtensionContext context) {
        return handle(context).server;
    }

    public static AdminClient admin(ExtensionContext context) {
        return handle(context).admin;
    }

    /** The two nodes, in cluster mode. */
    public static KeycloakCluster cluster(ExtensionContext context) {
        return handle(context).cluster.orElseThrow(() -> new IllegalStateException(
            "Not a cluster run: cluster tests run in the 'cluster' execution (-Dstaffmfa.cluster=true)"));
    }

    private static Handle handle(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Handle.class, key -> Handle.open(), Handle.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        handle(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KeycloakServer.class || type == AdminClient.class || type == KeycloakCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == KeycloakCluster.class) {
            return cluster(context);
        }
        Handle handle = handle(context);
        return type == KeycloakServer.class ? handle.server : handle.admin;
    }

    private static final class Handle implements AutoCloseable {
        private final KeycloakServer server;
        private final AdminClient admin;
        private final Optional<Runnable> stop;
        private final Optional<KeycloakCluster> cluster;

        private Handle(KeycloakServer server, Optional<Runnable> stop, Optional<KeycloakCluster> cluster) {
            this.server = server;
            this.stop = stop;
            this.cluster = cluster;
            this.admin = new AdminClient(server, TestSettings.adminUsername(), TestSettings.adminPassword());
        }

        static Handle open() {
            Optional<String> external = TestSettings.externalKeycloakUrl();
            if (external.isPresent()) {
                return new Handle(new KeycloakServer(external.get(), Optional.empty()), Optional.empty(), Optional.empty());
            }
            List<java.nio.file.Path> jars = List.of(TestSettings.providerJar(), TestSettings.testProviderJar());
            if (TestSettings.clusterMode()) {
                System.out.println("Staff MFA integration tests: two Keycloak " + TestSettings.keycloakVersion()
                    + " nodes on PostgreSQL behind one proxy");
                KeycloakCluster cluster = KeycloakCluster.start(TestSettings.keycloakHome(), jars,
                    TestSettings.outputDir().resolve("cluster"));
                return new Handle(cluster.server(), Optional.of(cluster::close), Optional.of(cluster));
            }
            // Printed once per run, so that a failure in the run over all supported versions names its Keycloak.
            System.out.println("Staff MFA integration tests: Keycloak " + TestSettings.keycloakVersion() + " from "
                + TestSettings.keycloakHome());
            KeycloakDistribution distribution = KeycloakDistribution.start(TestSettings.keycloakHome(), jars,
                TestSettings.outputDir());
            return new Handle(distribution.server(), Optional.of(distribution::close), Optional.empty());
        }

        @Override
        public void close() {
            stop.ifPresent(Runnable::run);
        }
    }
}
