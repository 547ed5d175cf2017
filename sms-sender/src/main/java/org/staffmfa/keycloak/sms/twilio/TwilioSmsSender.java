package org.staffmfa.keycloak.sms.twilio;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.staffmfa.keycloak.sms.HttpTransport;
import org.staffmfa.keycloak.sms.SenderSettings;
import org.staffmfa.keycloak.sms.SmsSendException;
import org.staffmfa.keycloak.sms.SmsSender;

/** Twilio's Messages REST API (form POST to /2010-04-01/Accounts/{sid}/Messages.json, basic auth), no vendor SDK. */
final class TwilioSmsSender implements SmsSender {

    private final SenderSettings settings;
    private final HttpTransport transport;

    TwilioSmsSender(SenderSettings settings, HttpTransport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    @Override
    public void send(String phoneNumber, String text) throws SmsSendException {
        String accountSid = settings.require(TwilioSmsSenderFactory.ACCOUNT_SID);
        String authToken = settings.require(TwilioSmsSenderFactory.AUTH_TOKEN);
        String baseUrl = settings.get(TwilioSmsSenderFactory.BASE_URL, TwilioSmsSenderFactory.DEFAULT_BASE_URL);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", phoneNumber);
        Optional<String> service = settings.get(TwilioSmsSenderFactory.MESSAGING_SERVICE_SID);
        if (service.isPresent()) {
            form.put("MessagingServiceSid", service.get());
        } else {
            form.put("From", settings.require(TwilioSmsSenderFactory.FROM));
        }
        form.put("Body", text);
        URI uri = URI.create(baseUrl.replaceAll("/+$", "") + "/2010-04-01/Accounts/"
            + URLEncoder.encode(accountSid, StandardCharsets.UTF_8) + "/Messages.json");
        HttpRequest request = HttpTransport.request(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))))
            .build();
        transport.send(request, "Twilio");
    }
}
