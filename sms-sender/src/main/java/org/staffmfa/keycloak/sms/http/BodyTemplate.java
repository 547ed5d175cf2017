package org.staffmfa.keycloak.sms.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Fills the body template of the webhook: {@code {{phone}}} (E.164, e.g. +4915112345678), {@code {{phone-digits}}}
 * (without the plus) and {@code {{message}}}, each escaped for the body's content type (JSON string, form-encoded, or
 * as is for anything else), so a message can never break out of its field.
 */
final class BodyTemplate {

    private BodyTemplate() {
    }

    static String fill(String template, String contentType, String phoneNumber, String message) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return template
            .replace("{{phone}}", escape(phoneNumber, type))
            .replace("{{phone-digits}}", escape(phoneNumber.replace("+", ""), type))
            .replace("{{message}}", escape(message, type));
    }

    private static String escape(String value, String contentType) {
        if (contentType.contains("json")) {
            return json(value);
        }
        if (contentType.contains("x-www-form-urlencoded")) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
        return value;
    }

    private static String json(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
