package org.staffmfa.keycloak.realmpolicy;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.policy.ConfigProblem;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.policy.PolicyGroup;
import org.staffmfa.keycloak.policy.PolicyResolver;
import org.staffmfa.keycloak.policy.RememberBrowser;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * The MFA policy of a Keycloak user: reads the user's groups and their ancestors (never the rest of the realm's
 * groups) and the realm defaults. Configuration errors are logged at most once an hour across the cluster.
 */
public final class UserPolicies {

    private final PolicyResolver resolver = new PolicyResolver();

    public EffectivePolicy forUser(KeycloakSession session, RealmModel realm, UserModel user) {
        Consumer<ConfigProblem> report = problem -> ConfigProblemLog.reportOnce(session, realm, problem);
        List<PolicyGroup> memberships = user.getGroupsStream()
            .<PolicyGroup>map(group -> new GroupModelPolicyGroup(realm, group, report))
            .toList();
        EffectivePolicy policy = resolver.resolve(name -> Optional.ofNullable(RealmSettingsStore.get(realm, name)), memberships);
        policy.problems().forEach(problem -> ConfigProblemLog.reportOnce(session, realm, problem));
        return policy;
    }

    /** The policy of a member of exactly these groups (the adoption view: one resolution per distinct set of groups). */
    public EffectivePolicy forMemberOfAll(KeycloakSession session, RealmModel realm, List<GroupModel> groups) {
        Consumer<ConfigProblem> report = problem -> ConfigProblemLog.reportOnce(session, realm, problem);
        return resolver.resolve(name -> Optional.ofNullable(RealmSettingsStore.get(realm, name)),
            groups.stream().<PolicyGroup>map(group -> new GroupModelPolicyGroup(realm, group, report)).toList());
    }

    /** The policy a member of only this group gets: what the admin API shows next to the group's own settings. */
    public EffectivePolicy forMemberOf(KeycloakSession session, RealmModel realm, GroupModel group) {
        Consumer<ConfigProblem> report = problem -> ConfigProblemLog.reportOnce(session, realm, problem);
        return resolver.resolve(name -> Optional.ofNullable(RealmSettingsStore.get(realm, name)),
            List.of(new GroupModelPolicyGroup(realm, group, report)));
    }

    /** The policy of a user in no MFA group: the realm defaults. */
    public EffectivePolicy forNoGroup(RealmModel realm) {
        return resolver.resolve(name -> Optional.ofNullable(RealmSettingsStore.get(realm, name)), List.of());
    }

    /**
     * The remember setting for a login to this client: the stricter of the user's policy and the client attribute
     * {@value PolicyAttributes#REMEMBER_BROWSER} (an unreadable client value counts as {@code never}).
     */
    public RememberBrowser rememberFor(KeycloakSession session, RealmModel realm, EffectivePolicy policy, ClientModel client) {
        String value = client == null ? null : client.getAttribute(PolicyAttributes.REMEMBER_BROWSER);
        if (value == null || value.isBlank()) {
            return policy.remember();
        }
        Optional<RememberBrowser> clientSetting = RememberBrowser.fromId(value);
        if (clientSetting.isEmpty()) {
            ConfigProblemLog.reportOnce(session, realm, new ConfigProblem("client " + client.getClientId(),
                PolicyAttributes.REMEMBER_BROWSER, value, "never (the strictest setting)"));
        }
        return policy.remember().stricter(clientSetting.orElse(RememberBrowser.NEVER));
    }
}
