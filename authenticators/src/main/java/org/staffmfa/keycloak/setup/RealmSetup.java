package org.staffmfa.keycloak.setup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.health.GateInFlow;

/**
 * Puts a realm under the MFA policy in one step: registers and enables the enrolment action and puts it first, then,
 * for each chosen binding whose flow does not pass a gate yet, builds a staff flow and binds it. The realm's own
 * browser steps (cookie, Kerberos, identity-provider redirector, organizations, the login form) are kept by wrapping a
 * copy of its current browser flow; Keycloak's own OTP steps in the copies are disabled so nobody is asked twice.
 * Nothing is deleted: the flows it replaces stay under their names, unbound. Bindings already in place are left
 * alone, so a second run changes nothing. A dry run answers the same list of changes and makes none.
 */
public final class RealmSetup {

    /** The bindings the set-up can take care of. */
    public static final Set<String> BINDINGS = Set.of("browser", "direct-grant", "reset-credentials", "post-broker-login");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final boolean dryRun;
    private final List<SetupChange> changes = new ArrayList<>();

    private RealmSetup(KeycloakSession session, RealmModel realm, boolean dryRun) {
        this.session = session;
        this.realm = realm;
        this.dryRun = dryRun;
    }

    public static List<SetupChange> run(KeycloakSession session, RealmModel realm, Set<String> bindings, boolean dryRun) {
        RealmSetup setup = new RealmSetup(session, realm, dryRun);
        setup.enrolmentAction();
        if (bindings.contains("browser")) {
            setup.browser();
        }
        if (bindings.contains("direct-grant")) {
            setup.directGrant();
        }
        if (bindings.contains("reset-credentials")) {
            setup.resetCredentials();
        }
        if (bindings.contains("post-broker-login")) {
            setup.postBrokerLogin();
        }
        return List.copyOf(setup.changes);
    }

    private boolean change(String action, String detail) {
        changes.add(new SetupChange(action, detail));
        return !dryRun;
    }

    private void enrolmentAction() {
        RequiredActionProviderModel action = realm.getRequiredActionProviderByAlias(StaffMfaIds.ENROL_ACTION);
        int top = realm.getRequiredActionProvidersStream()
            .filter(other -> action == null || !other.getAlias().equals(action.getAlias()))
            .mapToInt(RequiredActionProviderModel::getPriority).min().orElse(10);
        if (action == null) {
            if (change("register-enrolment-action", "registered and enabled the required action '"
                + StaffMfaIds.ENROL_ACTION + "', first of all required actions")) {
                RequiredActionProviderModel model = new RequiredActionProviderModel();
                model.setAlias(StaffMfaIds.ENROL_ACTION);
                model.setProviderId(StaffMfaIds.ENROL_ACTION);
                model.setName("Staff MFA: enrol a second factor");
                model.setEnabled(true);
                model.setDefaultAction(false);
                model.setPriority(top - 1);
                realm.addRequiredActionProvider(model);
            }
            return;
        }
        if (!action.isEnabled() && change("enable-enrolment-action", "enabled the required action '" + action.getAlias() + "'")) {
            action.setEnabled(true);
            realm.updateRequiredActionProvider(action);
        }
        if (action.getPriority() >= top && change("move-enrolment-action-first",
            "moved the required action '" + action.getAlias() + "' before all other required actions")) {
            action.setPriority(top - 1);
            realm.updateRequiredActionProvider(action);
        }
    }

    private void browser() {
        AuthenticationFlowModel bound = realm.getBrowserFlow();
        if (GateInFlow.of(realm, id(bound), StaffMfaIds.GATE, true) == GateInFlow.IN_PLACE) {
            return;
        }
        FlowBuilder flows = new FlowBuilder(session, realm);
        String alias = flows.freeAlias("staff browser");
        if (!change("bind-browser-flow", "created '" + alias + "' (a copy of '" + bound.getAlias() + "' as the identity step, "
            + "then '" + StaffMfaIds.GATE + "') and bound it as the browser flow; '" + bound.getAlias() + "' is kept")) {
            return;
        }
        AuthenticationFlowModel staff = flows.topLevel(alias, "Staff MFA: the realm's browser steps, then the MFA gate");
        flows.appendSubFlow(staff, flows.copyWithoutStockSecondFactor(bound, flows.freeAlias(alias + " identity"), false));
        flows.appendRequired(staff, StaffMfaIds.GATE);
        realm.setBrowserFlow(staff);
    }

    private void directGrant() {
        gatedCopy("direct-grant", realm.getDirectGrantFlow(), "staff direct grant", StaffMfaIds.DIRECT_GRANT_GATE,
            realm::setDirectGrantFlow);
    }

    private void resetCredentials() {
        gatedCopy("reset-credentials", realm.getResetCredentialsFlow(), "staff reset credentials", StaffMfaIds.GATE,
            realm::setResetCredentialsFlow);
    }

    /** A copy of the bound flow with the gate appended as its last Required step, bound in its place. */
    private void gatedCopy(String binding, AuthenticationFlowModel bound, String name, String gate,
                           java.util.function.Consumer<AuthenticationFlowModel> bind) {
        if (GateInFlow.of(realm, id(bound), gate, true) == GateInFlow.IN_PLACE) {
            return;
        }
        FlowBuilder flows = new FlowBuilder(session, realm);
        String alias = flows.freeAlias(name);
        if (!change("bind-" + binding + "-flow", "created '" + alias + "' (a copy of '" + bound.getAlias() + "', then '"
            + gate + "') and bound it as the " + binding.replace('-', ' ') + " flow; '" + bound.getAlias() + "' is kept")) {
            return;
        }
        AuthenticationFlowModel staff = flows.copyWithoutStockSecondFactor(bound, alias, true);
        flows.appendRequired(staff, gate);
        bind.accept(staff);
    }

    private void postBrokerLogin() {
        List<IdentityProviderModel> ungated = session.identityProviders().getAllStream()
            .filter(provider -> GateInFlow.of(realm, provider.getPostBrokerLoginFlowId(), StaffMfaIds.GATE, false)
                != GateInFlow.IN_PLACE)
            .sorted(Comparator.comparing(IdentityProviderModel::getAlias))
            .toList();
        if (ungated.isEmpty()) {
            return;
        }
        FlowBuilder flows = new FlowBuilder(session, realm);
        AuthenticationFlowModel existing = realm.getFlowByAlias("staff post broker login");
        boolean reuse = existing != null && GateInFlow.of(realm, existing.getId(), StaffMfaIds.GATE, false) == GateInFlow.IN_PLACE;
        String alias = reuse ? existing.getAlias() : flows.freeAlias("staff post broker login");
        String names = String.join(", ", ungated.stream().map(IdentityProviderModel::getAlias).toList());
        if (!change("set-post-broker-login-flow", (reuse ? "" : "created '" + alias + "' ('" + StaffMfaIds.GATE + "'); ")
            + "set it as the post-login flow of the identity providers " + names)) {
            return;
        }
        AuthenticationFlowModel flow = reuse ? existing : flows.topLevel(alias, "Staff MFA: the MFA gate after an identity provider's login");
        if (!reuse) {
            flows.appendRequired(flow, StaffMfaIds.GATE);
        }
        for (IdentityProviderModel provider : ungated) {
            provider.setPostBrokerLoginFlowId(flow.getId());
            session.identityProviders().update(provider);
        }
    }

    private static String id(AuthenticationFlowModel flow) {
        return flow == null ? null : flow.getId();
    }
}
