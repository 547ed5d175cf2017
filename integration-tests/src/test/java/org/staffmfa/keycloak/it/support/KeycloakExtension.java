package org.staffmfa.keycloak.it.support;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one Keycloak per test run: the first test class that needs it starts the distribution (or connects to
 * {@code -Dkeycloak.url}); JUnit closes it when the whole run ends. Test methods may take {@link KeycloakServer} or
 * {@link AdminClient} parameters.
 */
public final class KeycloakExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    public static KeycloakServer server(ExtensionContext context) {
        return handle(context).server;
    }

    public static AdminClient admin(ExtensionContext context) {
        return handle(context).admin;
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
        return type == KeycloakServer.class || type == AdminClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Handle handle = handle(context);
        return parameter.getParameter().getType() == KeycloakServer.class ? handle.server : handle.admin;
    }

    private static final class Handle implements AutoCloseable {
        private final KeycloakServer server;
        private final AdminClient admin;
        private final Optional<KeycloakDistribution> distribution;

        private Handle(KeycloakServer server, Optional<KeycloakDistribution> distribution) {
            this.server = server;
            this.distribution = distribution;
            this.admin = new AdminClient(server, TestSettings.adminUsername(), TestSettings.adminPassword());
        }

        static Handle open() {
            Optional<String> external = TestSettings.externalKeycloakUrl();
            if (external.isPresent()) {
                return new Handle(new KeycloakServer(external.get(), Optional.empty()), Optional.empty());
            }
            // Printed once per run, so that a failure in the run over all supported versions names its Keycloak.
            System.out.println("Staff MFA integration tests: Keycloak " + TestSettings.keycloakVersion() + " from "
                + TestSettings.keycloakHome());
            KeycloakDistribution distribution = KeycloakDistribution.start(
                TestSettings.keycloakHome(), List.of(TestSettings.providerJar(), TestSettings.testProviderJar()),
                TestSettings.outputDir());
            return new Handle(distribution.server(), Optional.of(distribution));
        }

        @Override
        public void close() {
            distribution.ifPresent(KeycloakDistribution::close);
        }
    }
}
