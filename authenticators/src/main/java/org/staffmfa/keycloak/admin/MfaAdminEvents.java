package org.staffmfa.keycloak.admin;

import java.util.stream.Stream;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Admin events for every change the MFA admin API makes. Keycloak's own resource types (USER, GROUP, CLIENT, REALM)
 * so the admin console's filters find them; the resource path ends in {@code /staff-mfa/...} and the detail
 * {@value #ACTION_DETAIL} names what was done. Keycloak adds who did it (auth details) and when.
 */
final class MfaAdminEvents {

    /** Detail naming what the extension did, e.g. {@code remove-factor}. */
    static final String ACTION_DETAIL = "staff_mfa_action";

    private final KeycloakSession session;
    private final AdminEventBuilder adminEvent;

    MfaAdminEvents(KeycloakSession session, AdminEventBuilder adminEvent) {
        this.session = session;
        this.adminEvent = adminEvent;
    }

    void user(OperationType operation, UserModel user, String action, Object representation, String... path) {
        send(operation, ResourceType.USER, action, representation, prefixed(new String[] {"users", user.getId(), "staff-mfa"}, path))
            .detail("username", user.getUsername())
            .success();
    }

    void group(OperationType operation, GroupModel group, String action, Object representation) {
        send(operation, ResourceType.GROUP, action, representation, "groups", group.getId(), "staff-mfa")
            .detail("group", org.keycloak.models.utils.KeycloakModelUtils.buildGroupPath(group))
            .success();
    }

    void client(OperationType operation, ClientModel client, String action, Object representation) {
        send(operation, ResourceType.CLIENT, action, representation, "clients", client.getId(), "staff-mfa", "exemption")
            .detail("client_id", client.getClientId())
            .success();
    }

    /** A change of the realm's flows or required actions by the one-step set-up. */
    void setup(String action, Object representation) {
        send(OperationType.UPDATE, ResourceType.AUTH_FLOW, action, representation, "staff-mfa", "setup").success();
    }

    void realm(String action, Object representation) {
        send(OperationType.UPDATE, ResourceType.REALM, action, representation, "staff-mfa", "settings").success();
    }

    /** A channel's code settings saved (secrets masked in the representation). */
    void codeSettings(String channel, Object representation) {
        send(OperationType.UPDATE, ResourceType.REALM, "update-code-settings", representation, "staff-mfa", "code-settings", channel)
            .success();
    }

    /** Second-factor secrets sealed again with the current key (ids and counts only, never a secret). */
    void secrets(String action, Object representation) {
        send(OperationType.UPDATE, ResourceType.REALM, action, representation, "staff-mfa", "secrets").success();
    }

    /** An emergency switch thrown or reset. */
    void emergency(String action, Object representation) {
        send(OperationType.UPDATE, ResourceType.REALM, action, representation, "staff-mfa", "emergency").success();
    }

    private AdminEventBuilder send(OperationType operation, ResourceType type, String action, Object representation,
                                   String... path) {
        AdminEventBuilder event = adminEvent.clone(session)
            .operation(operation)
            .resource(type)
            .resourcePath(path)
            .detail(ACTION_DETAIL, action);
        if (representation != null) {
            event.representation(representation);
        }
        return event;
    }

    private static String[] prefixed(String[] prefix, String[] path) {
        return Stream.concat(Stream.of(prefix), Stream.of(path)).toArray(String[]::new);
    }
}
