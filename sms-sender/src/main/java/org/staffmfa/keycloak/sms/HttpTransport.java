package org.staffmfa.keycloak.sms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One JDK HTTP client for all senders (built once, explicit timeouts), so a slow or dead gateway cannot hold a login
 * for long. Response bodies are never logged: gateways may echo the message.
 */
public final class HttpTransport {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    public static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
    }

    /** Sends and requires a 2xx answer. */
    public void send(HttpRequest request, String gateway) throws SmsSendException {
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                throw new SmsSendException(gateway + " answered HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new SmsSendException(gateway + " not reachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsSendException(gateway + ": interrupted", e);
        }
    }
}
