package org.staffmfa.keycloak.access;

import jakarta.ws.rs.ForbiddenException;

import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Evergreen's two MFA permissions as client roles of each realm's {@code realm-management} client:
 * {@value #MANAGE_MFA} (ADMIN_MFA: group and realm MFA settings, exemptions) and {@value #REMOVE_USER_MFA} (REMOVE_USER_MFA: other
 * users' factors and remembered browsers). Realm administrators (manage-realm) hold both implicitly.
 */
public final class MfaAdminRoles {

    public static final String MANAGE_MFA = "manage-mfa";
    public static final String REMOVE_USER_MFA = "remove-user-mfa";

    private MfaAdminRoles() {
    }

    /** Creates the roles in the realm if they are missing and adds them to the realm-admin composite. */
    public static void ensure(RealmModel realm) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        if (management == null) {
            return; // the master realm manages itself through other clients; MFA administration is per realm
        }
        RoleModel realmAdmin = management.getRole(AdminRoles.REALM_ADMIN);
        ensure(management, realmAdmin, MANAGE_MFA,
            "Staff MFA: group MFA settings, realm MFA settings, MFA exemptions (Evergreen ADMIN_MFA)");
        ensure(management, realmAdmin, REMOVE_USER_MFA,
            "Staff MFA: remove other users' second factors and remembered browsers (Evergreen REMOVE_USER_MFA)");
    }

    private static void ensure(ClientModel management, RoleModel realmAdmin, String name, String description) {
        RoleModel role = management.getRole(name);
        if (role == null) {
            role = management.addRole(name);
            role.setDescription(description);
        }
        if (realmAdmin != null && !realmAdmin.hasRole(role)) {
            realmAdmin.addCompositeRole(role);
        }
    }

    public static void require(AdminPermissionEvaluator auth, RealmModel realm, String role) {
        if (!holds(auth, realm, role)) {
            throw new ForbiddenException("Requires the realm-management role " + role);
        }
    }

    /**
     * Reading: allowed to whoever may see the thing in Keycloak's own console ({@code mayView}) and to MFA
     * administrators, who need to see what they configure.
     */
    public static void requireViewOrManageMfa(AdminPermissionEvaluator auth, RealmModel realm, boolean mayView, String what) {
        if (!mayView && !holds(auth, realm, MANAGE_MFA)) {
            throw new ForbiddenException("Requires the realm-management role " + MANAGE_MFA + " or the right to view "
                + what);
        }
    }

    public static boolean holds(AdminPermissionEvaluator auth, RealmModel realm, String role) {
        if (auth.realm().canManageRealm()) {
            return true;
        }
        AdminAuth admin = auth.adminAuth();
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return management != null && admin.getRealm().getId().equals(realm.getId()) && admin.hasAppRole(management, role);
    }
}
