package org.staffmfa.keycloak.sms.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.staffmfa.keycloak.sms.HttpTransport;
import org.staffmfa.keycloak.sms.SenderSettings;
import org.staffmfa.keycloak.sms.SmsSendException;
import org.staffmfa.keycloak.sms.SmsSender;

/** Calls a generic SMS gateway webhook with a body made from a template. */
final class HttpSmsSender implements SmsSender {

    private final SenderSettings settings;
    private final HttpTransport transport;

    HttpSmsSender(SenderSettings settings, HttpTransport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    @Override
    public void send(String phoneNumber, String text) throws SmsSendException {
        URI url = URI.create(settings.require(HttpSmsSenderFactory.URL));
        String contentType = settings.get(HttpSmsSenderFactory.CONTENT_TYPE, HttpSmsSenderFactory.DEFAULT_CONTENT_TYPE);
        String body = BodyTemplate.fill(settings.get(HttpSmsSenderFactory.BODY, HttpSmsSenderFactory.DEFAULT_BODY),
            contentType, phoneNumber, text);
        HttpRequest.Builder request = HttpTransport.request(url)
            .header("Content-Type", contentType)
            .method(settings.get(HttpSmsSenderFactory.METHOD, "POST"),
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        authorization().ifPresent(value -> request.header("Authorization", value));
        settings.get(HttpSmsSenderFactory.API_KEY_HEADER).ifPresent(header ->
            settings.get(HttpSmsSenderFactory.API_KEY).ifPresent(key -> request.header(header, key)));
        for (String header : settings.get(HttpSmsSenderFactory.HEADERS, "").split(";")) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
        }
        transport.send(request.build(), "SMS webhook " + url.getHost());
    }

    private Optional<String> authorization() {
        Optional<String> bearer = settings.get(HttpSmsSenderFactory.BEARER_TOKEN);
        if (bearer.isPresent()) {
            return Optional.of("Bearer " + bearer.get());
        }
        return settings.get(HttpSmsSenderFactory.USERNAME).map(user -> "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + settings.get(HttpSmsSenderFactory.PASSWORD, "")).getBytes(StandardCharsets.UTF_8)));
    }
}
