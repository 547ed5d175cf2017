package org.staffmfa.keycloak.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.emergency.EmergencySwitches;
import org.staffmfa.keycloak.policy.Factor;

/**
 * Emergency switches that are on: a suspension lets everyone in with the password alone, a factor switched off is
 * missing from every policy. Listed so that the health tab and the server log show them until they are undone.
 */
final class EmergencyFindings {

    private EmergencyFindings() {
    }

    static List<Finding> of(RealmModel realm) {
        List<Finding> findings = new ArrayList<>();
        EmergencySwitches.suspension(realm).ifPresent(suspension -> findings.add(Finding.critical(
            "enforcement-suspended", realm.getName(),
            "MFA enforcement is suspended until " + suspension.until() + " (UTC; reason: " + suspension.reason()
                + "): everyone logs in with the password alone.",
            "End the suspension once the outage is over (MFA admin page > Realm settings, or DELETE "
                + "…/staff-mfa/emergency/suspension); it ends by itself at the time set.")));
        if (EmergencySwitches.storedButNotInForce(realm)) {
            findings.add(Finding.critical("suspension-not-as-set-by-the-api", realm.getName(),
                "A suspension of MFA enforcement is stored that the MFA admin API did not set this way (it starts in the "
                    + "future, lasts longer than 24 hours, or cannot be read); it is not honoured now, but may be later.",
                "Remove it (DELETE …/staff-mfa/emergency/suspension) and find out who wrote the realm's "
                    + "staff-mfa.emergency attributes (admin events, resource type REALM)."));
        }
        Set<Factor> off = EmergencySwitches.disabledFactors(realm);
        if (!off.isEmpty()) {
            findings.add(Finding.warning("factor-switched-off", realm.getName(),
                "Switched off realm-wide: " + EmergencySwitches.ids(off) + ". No policy allows it; users whose only "
                    + "factor it is must set up another.",
                "Switch it on again once its service is safe (MFA admin page > Realm settings)."));
        }
        return findings;
    }
}
