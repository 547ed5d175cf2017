package org.staffmfa.keycloak.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.staffmfa.keycloak.exemption.ClientExemptions;

/**
 * Exempt clients whose password-only tokens reach further than the client itself: a full-scope token carries every
 * role of the user (an MFA administrator's too), a scope that maps an administration role hands it out on a
 * password alone, and token exchange turns such a token into one for another client.
 */
final class ExemptClientFindings {

    /** Keycloak's standard token exchange (26.2 and later) is switched on per client by this attribute. */
    static final String STANDARD_TOKEN_EXCHANGE = "standard.token.exchange.enabled";

    private ExemptClientFindings() {
    }

    static List<Finding> of(RealmModel realm) {
        return realm.getClientsStream()
            .filter(client -> ClientExemptions.isExempt(realm, client))
            .sorted(Comparator.comparing(ClientModel::getClientId))
            .flatMap(client -> findings(realm, client).stream())
            .toList();
    }

    private static List<Finding> findings(RealmModel realm, ClientModel client) {
        String name = client.getClientId();
        List<Finding> findings = new ArrayList<>();
        if ("true".equalsIgnoreCase(client.getAttribute(STANDARD_TOKEN_EXCHANGE))) {
            findings.add(Finding.critical("exempt-client-token-exchange", name,
                "The exempt client '" + name + "' may exchange tokens: a password-only login through it can become a "
                    + "token for a client that requires MFA.",
                "Turn off standard token exchange for this client (client > Settings > Capability config)."));
        }
        if (client.isFullScopeAllowed()) {
            findings.add(Finding.critical("exempt-client-full-scope", name,
                "The exempt client '" + name + "' has full scope: its password-only tokens carry every role of the user, "
                    + "administrators' roles included.",
                "Turn off 'Full scope allowed' (client > Client scopes > Dedicated scope) and map only the roles it needs."));
            return findings;
        }
        Set<String> adminRoles = new TreeSet<>();
        scopedRoles(client).filter(role -> isAdministration(realm, role)).forEach(role -> adminRoles.add(describe(role)));
        if (!adminRoles.isEmpty()) {
            findings.add(Finding.critical("exempt-client-admin-roles", name,
                "The exempt client '" + name + "' puts administration roles into its password-only tokens ("
                    + String.join(", ", adminRoles) + "): an administrator's password alone, without a second factor, "
                    + "is enough to use Keycloak's admin API through it.",
                "Remove these roles from the client's dedicated scope and from its client scopes' role mappings "
                    + "(client > Client scopes), including composite roles that contain them."));
        }
        return findings;
    }

    /**
     * Every role the client's tokens may carry when the user has it: the client's own roles (always in its scope), the
     * dedicated scope's mappings and those of its default and optional client scopes, with composite roles expanded.
     */
    private static Stream<RoleModel> scopedRoles(ClientModel client) {
        Stream<RoleModel> mapped = Stream.of(client.getRolesStream(), client.getScopeMappingsStream(),
                Stream.concat(client.getClientScopes(true).values().stream(), client.getClientScopes(false).values().stream())
                    .filter(Objects::nonNull)
                    .flatMap(ClientScopeModel::getScopeMappingsStream))
            .flatMap(roles -> roles);
        return withComposites(mapped.toList()).stream();
    }

    /**
     * The roles and everything they contain, each once. Walked breadth first with a set of roles already seen:
     * Keycloak does not refuse composite cycles (A contains B contains A), and a realm administrator could make one.
     */
    private static List<RoleModel> withComposites(List<RoleModel> roles) {
        Set<String> seen = new HashSet<>();
        List<RoleModel> all = new ArrayList<>();
        java.util.ArrayDeque<RoleModel> queue = new java.util.ArrayDeque<>(roles);
        while (!queue.isEmpty()) {
            RoleModel role = queue.poll();
            if (seen.add(role.getId())) {
                all.add(role);
                if (role.isComposite()) {
                    role.getCompositesStream().forEach(queue::add);
                }
            }
        }
        return all;
    }

    /**
     * Roles of the realm's {@code realm-management} client (the MFA administration roles among them), and in the
     * master realm its {@code admin} role and the roles of the per-realm {@code <realm>-realm} clients.
     */
    private static boolean isAdministration(RealmModel realm, RoleModel role) {
        if (role.isClientRole()) {
            String clientId = ((ClientModel) role.getContainer()).getClientId();
            return Constants.REALM_MANAGEMENT_CLIENT_ID.equals(clientId)
                || isAdministrationRealm(realm) && clientId.endsWith("-realm");
        }
        return isAdministrationRealm(realm) && (AdminRoles.ADMIN.equals(role.getName()) || AdminRoles.CREATE_REALM.equals(role.getName()));
    }

    private static String describe(RoleModel role) {
        return role.isClientRole() ? ((ClientModel) role.getContainer()).getClientId() + " " + role.getName() : role.getName();
    }

    /** Keycloak's administration realm ({@code master}) keeps the roles that administer other realms. */
    private static boolean isAdministrationRealm(RealmModel realm) {
        return org.keycloak.Config.getAdminRealm().equals(realm.getName());
    }
}
