package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Moves the server's clock forward (Keycloak's time offset) through the test-only provider the harness installs, so
 * that intervals and expiry are tested without sleeping. Close it to put the clock back:
 *
 * <pre>{@code try (TestClock clock = TestClock.shiftedBy(server, Duration.ofHours(13))) { ... }}</pre>
 */
public final class TestClock implements AutoCloseable {

    private final KeycloakServer server;
    private final Duration offset;

    private TestClock(KeycloakServer server, Duration offset) {
        this.server = server;
        this.offset = offset;
    }

    public static TestClock shiftedBy(KeycloakServer server, Duration offset) {
        setOffset(server, offset.toSeconds());
        return new TestClock(server, offset);
    }

    public Duration offset() {
        return offset;
    }

    @Override
    public void close() {
        setOffset(server, 0);
    }

    private static void setOffset(KeycloakServer server, long seconds) {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(server.realmUrl("master") + "/staff-mfa-test-clock/offset/" + seconds))
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().equals(Long.toString(seconds))) {
                throw new IllegalStateException("Test clock not available (is the test provider installed?): "
                    + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
