package org.staffmfa.keycloak.it.support;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sets a realm's email or SMS code settings the supported ways: in a realm file before import (the component the
 * extension keeps them in) or through the MFA admin API ({@code PUT …/staff-mfa/code-settings/{channel}}). Settings
 * are named as they are stored: {@code code-length}, {@code resend-interval} (ISO-8601), {@code sender},
 * {@code default-region}, {@code <sender>.<option>}.
 */
public final class CodeSettingsFixture {

    public static final String PROVIDER_TYPE = "org.staffmfa.keycloak.channelsettings.ChannelSettingsProvider";

    private CodeSettingsFixture() {
    }

    /** Adds settings to the channel's component in a realm file (created if the file has none), before import. */
    public static void inRealmFile(ObjectNode realm, String channel, Map<String, String> settings) {
        ObjectNode components = realm.has("components") ? (ObjectNode) realm.get("components") : realm.putObject("components");
        ArrayNode ofType = components.has(PROVIDER_TYPE) ? (ArrayNode) components.get(PROVIDER_TYPE) : components.putArray(PROVIDER_TYPE);
        ObjectNode component = null;
        for (JsonNode existing : ofType) {
            if (channel.equals(existing.path("subType").asText())) {
                component = (ObjectNode) existing;
            }
        }
        if (component == null) {
            component = ofType.addObject().put("name", "Staff MFA " + channel + " codes")
                .put("providerId", "staff-mfa-code-channel").put("subType", channel);
        }
        ObjectNode config = component.has("config") ? (ObjectNode) component.get("config") : component.putObject("config");
        settings.forEach((name, value) -> config.putArray(name).add(value));
    }

    /**
     * Changes some of the channel's settings through the MFA admin API, keeping the others (a null value goes back to
     * the default); returns the API's answer.
     */
    public static JsonNode change(AdminClient admin, String realm, String channel, Map<String, String> changes) {
        String path = "/realms/" + AdminClient.encode(realm) + "/staff-mfa/code-settings/" + channel;
        ObjectNode body = ((ObjectNode) admin.get(path).get("settings")).deepCopy();
        changes.forEach((name, value) -> apply(body, name, value));
        return AdminClient.expectJson(admin.put(path, body), 200);
    }

    private static void apply(ObjectNode body, String name, String value) {
        switch (name) {
            case "code-length" -> number(body, "codeLength", value, 1);
            case "code-validity" -> number(body, "codeValidityMinutes", value, 60);
            case "resend-interval" -> number(body, "resendIntervalSeconds", value, 1);
            case "max-resends" -> number(body, "maxResends", value, 1);
            case "max-attempts" -> number(body, "maxAttempts", value, 1);
            case "max-messages-per-hour" -> number(body, "maxMessagesPerHour", value, 1);
            case "sender" -> body.put("sender", value);
            case "default-region" -> body.put("defaultRegion", value);
            default -> {
                int dot = name.indexOf('.');
                ObjectNode options = body.path("senderOptions").isObject() ? (ObjectNode) body.get("senderOptions")
                    : body.putObject("senderOptions");
                ObjectNode sender = options.path(name.substring(0, dot)).isObject()
                    ? (ObjectNode) options.get(name.substring(0, dot)) : options.putObject(name.substring(0, dot));
                if (value == null) {
                    sender.remove(name.substring(dot + 1));
                } else {
                    sender.put(name.substring(dot + 1), value);
                }
            }
        }
    }

    /** A count, or a duration (whole seconds or ISO-8601) in the API's unit. */
    private static void number(ObjectNode body, String field, String value, long unitSeconds) {
        if (value == null) {
            body.putNull(field);
        } else if (unitSeconds == 1 && value.matches("[0-9]+")) {
            body.put(field, Integer.parseInt(value));
        } else {
            long seconds = value.matches("[0-9]+") ? Long.parseLong(value) : java.time.Duration.parse(value).getSeconds();
            body.put(field, (int) (seconds / unitSeconds));
        }
    }
}
