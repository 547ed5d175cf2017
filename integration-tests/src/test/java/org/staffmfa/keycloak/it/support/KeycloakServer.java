package org.staffmfa.keycloak.it.support;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A running Keycloak the tests talk to: either started by the harness from the distribution or an external one.
 *
 * @param baseUrl  e.g. {@code http://localhost:41234}, without trailing slash
 * @param logFile  the server's console output, when the harness started it
 */
public record KeycloakServer(String baseUrl, Optional<Path> logFile) {

    public String realmUrl(String realm) {
        return baseUrl + "/realms/" + realm;
    }
}
