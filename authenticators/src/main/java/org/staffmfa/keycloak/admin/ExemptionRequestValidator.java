package org.staffmfa.keycloak.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

/** Checks a grant before anything is stored: every problem is a 400 with a message that names it. */
final class ExemptionRequestValidator {

    static final int MAX_REASON_LENGTH = 500;
    static final int MAX_CLIENTS = 50;

    private ExemptionRequestValidator() {
    }

    /** A reason is required, at most {@value #MAX_REASON_LENGTH} characters, no control characters but new lines. */
    static String reason(String value) {
        String reason = value == null ? "" : value.strip();
        if (reason.isEmpty()) {
            throw new BadInput("\"reason\" is required");
        }
        if (reason.length() > MAX_REASON_LENGTH || reason.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new BadInput("\"reason\" must be at most " + MAX_REASON_LENGTH + " characters without control characters");
        }
        return reason;
    }

    record Valid(List<ClientModel> clients, Optional<Instant> expires, String reason) {
    }

    static Valid validate(RealmModel realm, ExemptionRequest request, Instant now) {
        if (request == null) {
            throw new BadInput("A JSON body with at least \"reason\" is required");
        }
        String reason = reason(request.reason);
        List<String> clientIds = request.clients == null ? List.of() : request.clients.stream().distinct().toList();
        if (clientIds.size() > MAX_CLIENTS) {
            throw new BadInput("At most " + MAX_CLIENTS + " clients per exemption");
        }
        List<ClientModel> clients = new ArrayList<>();
        for (String clientId : clientIds) {
            ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
            if (client == null) {
                throw new BadInput("Unknown client: " + clientId);
            }
            clients.add(client);
        }
        Optional<Instant> expires = Optional.empty();
        if (request.expires != null && !request.expires.isBlank()) {
            try {
                expires = Optional.of(OffsetDateTime.parse(request.expires.strip()).toInstant());
            } catch (DateTimeParseException e) {
                throw new BadInput("\"expires\" must be an ISO-8601 date-time with offset, e.g. 2030-06-30T00:00:00Z");
            }
            if (!expires.get().isAfter(now)) {
                throw new BadInput("\"expires\" is in the past");
            }
        }
        return new Valid(clients, expires, reason);
    }
}
