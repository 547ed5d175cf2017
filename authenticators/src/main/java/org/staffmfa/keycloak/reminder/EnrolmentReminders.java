package org.staffmfa.keycloak.reminder;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.keycloak.common.util.Time;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.enrolment.EnrolmentDeadlines;
import org.staffmfa.keycloak.factor.FactorCatalog;
import org.staffmfa.keycloak.factors.BuiltInFactors;
import org.staffmfa.keycloak.notify.MfaNotifications;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.realmpolicy.GroupPolicyStore;
import org.staffmfa.keycloak.realmpolicy.GroupTrees;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;
import org.staffmfa.keycloak.state.UserMfaState;

/**
 * Reminder mails before enrolment deadlines: for each group that sets {@value PolicyAttributes#REMIND_DAYS_BEFORE},
 * its members and its subgroups' members who still have no factor and may still skip get one mail when their deadline
 * (the end of skipping: {@code enrolBy}, or a grace's end) is that many days away or nearer. The deadline the user
 * was reminded of is kept in the user's MFA state, so nobody gets two mails for one deadline, on any node.
 */
public final class EnrolmentReminders {

    /** Members read per group and run, so that one run stays short on a large realm; the next run goes on. */
    static final int MEMBERS_PER_GROUP = 10_000;

    private final UserPolicies policies = new UserPolicies();
    private final FactorCatalog catalog = BuiltInFactors.catalog();

    /** Sends the reminders due in the realm; returns how many. */
    public int sendDue(KeycloakSession session, RealmModel realm) {
        Set<String> seen = new HashSet<>();
        int sent = 0;
        for (String groupId : GroupPolicyStore.groupIds(realm)) {
            Optional<Integer> days = GroupPolicyStore.get(realm, groupId, PolicyAttributes.REMIND_DAYS_BEFORE)
                .flatMap(EnrolmentReminders::count);
            GroupModel group = realm.getGroupById(groupId);
            if (days.isEmpty() || group == null) {
                continue;
            }
            Duration ahead = Duration.ofDays(days.get());
            for (UserModel user : GroupTrees.withSubGroups(group)
                .flatMap(member -> session.users().getGroupMembersStream(realm, member, 0, MEMBERS_PER_GROUP))
                .filter(user -> seen.add(user.getId())).toList()) {
                if (remindIfDue(session, realm, user, ahead)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    private boolean remindIfDue(KeycloakSession session, RealmModel realm, UserModel user, Duration ahead) {
        if (!user.isEnabled() || user.getServiceAccountClientLink() != null || user.getEmail() == null) {
            return false;
        }
        EffectivePolicy policy = policies.forUser(session, realm, user);
        if (policy.mode() == MfaMode.OFF || EnrolmentDeadlines.enrolmentMode(policy, user) != MfaMode.ALLOWED) {
            return false; // no MFA, or skipping is already over: the login itself asks now
        }
        Optional<Instant> deadline = policy.deadline().skipUntil(policy.mode());
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        if (deadline.isEmpty() || now.isBefore(deadline.get().minus(ahead)) || !now.isBefore(deadline.get())
            || !catalog.usable(policy, user).isEmpty() || UserMfaState.remindedOf(user, deadline.get())) {
            return false;
        }
        UserMfaState.recordReminder(user, deadline.get());
        EnrolmentDeadlines.LastDay last = EnrolmentDeadlines.lastDay(realm, deadline.get(),
            session.getContext().resolveLocale(user));
        MfaNotifications.sendEnrolmentReminder(session, realm, user, last.date(), last.daysLeft());
        return true;
    }


    private static Optional<Integer> count(String value) {
        try {
            int days = Integer.parseInt(value.trim());
            return days > 0 ? Optional.of(days) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
