package org.staffmfa.keycloak.setup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.staffmfa.keycloak.StaffMfaIds;
import org.staffmfa.keycloak.health.GateInFlow;
import org.staffmfa.keycloak.realmpolicy.StoredModes;
import org.staffmfa.keycloak.singleuse.SingleUseMarks;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;

/**
 * Puts a realm under the MFA policy in one step: registers and enables the enrolment action and puts it first, then,
 * for each chosen binding whose flow does not pass a gate yet, builds a staff flow and binds it. The realm's own
 * browser steps (cookie, Kerberos, identity-provider redirector, organizations, the login form) are kept by wrapping a
 * copy of its current browser flow; Keycloak's own OTP steps in the copies are disabled so nobody is asked twice.
 * Nothing is deleted: the flows it replaces stay under their names, unbound. Bindings already in place are left
 * alone, so a second run changes nothing. A dry run answers the same list of changes and makes none. Started from
 * Keycloak's defaults instead ({@link StartFrom#DEFAULTS}), it builds the flows of the demo realm ({@link FreshFlows}).
 */
public final class RealmSetup {

    /** The bindings the set-up can take care of. */
    public static final Set<String> BINDINGS = Set.of("browser", "direct-grant", "reset-credentials", "post-broker-login");

    /** What the staff flows are built from. */
    public enum StartFrom {
        /** Copies of the realm's bound flows, so that its own steps (Kerberos, an IdP redirector, ...) stay. */
        CURRENT,
        /** Keycloak's default steps without its second-factor steps: the flows of the demo realm. */
        DEFAULTS;

        /** {@code current} or {@code defaults}, as the set-up request names them. */
        public static java.util.Optional<StartFrom> fromJson(String value) {
            return java.util.Arrays.stream(values()).filter(start -> start.json().equals(value)).findFirst();
        }

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The post-login flow for identity providers without one of their own. */
    static final String SHARED_POST_BROKER_FLOW = "staff post broker login";

    /** Longest a set-up may hold the realm's set-up mark, should its node die before giving it back. */
    private static final long SETUP_MARK_SECONDS = 120;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final boolean dryRun;
    private final StartFrom startFrom;
    private final List<SetupChange> changes = new ArrayList<>();
    /** Steps of the realm's flows that flows built from the defaults leave out, per flow. */
    private final List<String> lostSteps = new ArrayList<>();

    private RealmSetup(KeycloakSession session, RealmModel realm, boolean dryRun, StartFrom startFrom) {
        this.session = session;
        this.realm = realm;
        this.dryRun = dryRun;
        this.startFrom = startFrom;
    }

    /**
     * Runs {@code work} unless another set-up of the realm is running in the cluster (then answers empty): a double
     * click or two administrators at once would otherwise build the same flows twice.
     */
    public static <T> Optional<T> exclusively(KeycloakSession session, RealmModel realm, Supplier<T> work) {
        if (!SingleUseMarks.takeFirst(session, Purpose.SETUP, realm, SETUP_MARK_SECONDS, "running")) {
            return Optional.empty();
        }
        try {
            return Optional.of(work.get());
        } finally {
            SingleUseMarks.release(session, Purpose.SETUP, realm, "running");
        }
    }

    /**
     * @throws UnsafeCopyException when a flow cannot be copied without losing a check; the caller must roll the
     *                             transaction back (some changes may have been made before)
     */
    public static SetupResult run(KeycloakSession session, RealmModel realm, Set<String> bindings, boolean dryRun) {
        return run(session, realm, bindings, StartFrom.CURRENT, dryRun);
    }

    /** @see #run(KeycloakSession, RealmModel, Set, boolean) */
    public static SetupResult run(KeycloakSession session, RealmModel realm, Set<String> bindings, StartFrom startFrom,
                                  boolean dryRun) {
        RealmSetup setup = new RealmSetup(session, realm, dryRun, startFrom);
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
        return new SetupResult(List.copyOf(setup.changes), setup.warnings());
    }

    /**
     * The gate asks nothing of users whose mode is off, so disabling Keycloak's own OTP steps takes the second factor
     * away from users outside every MFA policy who set one up with Keycloak's forms.
     */
    private List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (!lostSteps.isEmpty()) {
            warnings.add("The new flows, built from Keycloak's default steps, leave out these steps of the realm's "
                + "current flows: " + String.join("; ", lostSteps) + ". Set up from the current flows (startFrom "
                + "'current') to keep them, or add them to the new flows by hand.");
        }
        boolean copies = changes.stream().anyMatch(change -> change.action().startsWith("bind-")
            || change.action().equals("set-post-broker-login-flow"));
        if (!copies || StoredModes.realmDefaultAsksForMfa(realm)) {
            return List.copyOf(warnings);
        }
        String where = startFrom == StartFrom.DEFAULTS ? "are not in the new flows" : "are disabled in the copied flows";
        warnings.add("Keycloak's own second-factor steps (OTP form, WebAuthn, recovery codes) " + where
            + ", and the realm's default MFA mode is off: users in no MFA group who set up a factor with "
            + "Keycloak's forms will log in with their password alone. Put them in an MFA group, or set the realm's "
            + "default mode to 'allowed' (PUT …/staff-mfa/settings), before or right after the set-up.");
        return List.copyOf(warnings);
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
        // A binding that names no flow has nothing to copy: it gets the defaults.
        if (startFrom == StartFrom.DEFAULTS || bound == null) {
            String identity = flows.freeAlias(FreshFlows.IDENTITY);
            if (change("bind-browser-flow", "created '" + alias + "' (cookie, identity provider redirector or username and "
                + "password in '" + identity + "', then '" + StaffMfaIds.GATE + "') and bound it as the browser "
                + "flow; " + kept(bound) + leftOut(flows, bound, FreshFlows.BROWSER_STEPS))) {
                realm.setBrowserFlow(new FreshFlows(flows).browser(alias, identity));
            }
            return;
        }
        if (!change("bind-browser-flow", "created '" + alias + "' (a copy of '" + bound.getAlias() + "' as the identity step, "
            + "then '" + StaffMfaIds.GATE + "') and bound it as the browser flow; '" + bound.getAlias() + "' is kept")) {
            return;
        }
        AuthenticationFlowModel staff = flows.topLevel(alias, "Staff MFA: the realm's browser steps, then the MFA gate");
        AuthenticationFlowModel identity = flows.copy(bound, flows.freeAlias(alias + " identity"), false);
        noteDisabled(flows.disableStockSecondFactor(identity));
        flows.appendSubFlow(staff, identity);
        flows.appendRequired(staff, StaffMfaIds.GATE);
        realm.setBrowserFlow(staff);
    }

    private void directGrant() {
        gatedCopy("direct-grant", realm.getDirectGrantFlow(), "staff direct grant", StaffMfaIds.DIRECT_GRANT_GATE,
            realm::setDirectGrantFlow, "username, password", FreshFlows.DIRECT_GRANT_STEPS, FreshFlows::directGrant);
    }

    private void resetCredentials() {
        gatedCopy("reset-credentials", realm.getResetCredentialsFlow(), "staff reset credentials", StaffMfaIds.GATE,
            realm::setResetCredentialsFlow, "choose user, reset email, new password", FreshFlows.RESET_STEPS,
            FreshFlows::resetCredentials);
    }

    /**
     * A copy of the bound flow with the gate appended as its last Required step, bound in its place; started from the
     * defaults, a fresh flow of Keycloak's default steps and the gate instead.
     */
    private void gatedCopy(String binding, AuthenticationFlowModel bound, String name, String gate,
                           java.util.function.Consumer<AuthenticationFlowModel> bind, String defaultSteps,
                           Set<String> freshSteps,
                           java.util.function.BiFunction<FreshFlows, String, AuthenticationFlowModel> fresh) {
        if (GateInFlow.of(realm, id(bound), gate, true) == GateInFlow.IN_PLACE) {
            return;
        }
        FlowBuilder flows = new FlowBuilder(session, realm);
        String alias = flows.freeAlias(name);
        // A binding that names no flow has nothing to copy: it gets the defaults.
        if (startFrom == StartFrom.DEFAULTS || bound == null) {
            if (change("bind-" + binding + "-flow", "created '" + alias + "' (" + defaultSteps + ", then '" + gate
                + "') and bound it as the " + binding.replace('-', ' ') + " flow; " + kept(bound)
                + leftOut(flows, bound, freshSteps))) {
                bind.accept(fresh.apply(new FreshFlows(flows), alias));
            }
            return;
        }
        if (!change("bind-" + binding + "-flow", "created '" + alias + "' (a copy of '" + bound.getAlias() + "', then '"
            + gate + "') and bound it as the " + binding.replace('-', ' ') + " flow; '" + bound.getAlias() + "' is kept")) {
            return;
        }
        AuthenticationFlowModel staff = flows.copy(bound, alias, true);
        noteDisabled(flows.disableStockSecondFactor(staff));
        flows.appendRequired(staff, gate);
        bind.accept(staff);
    }

    /**
     * Identity providers: one with a post-login flow of its own gets a copy of that flow with the gate appended (its
     * steps are kept); one without gets the shared {@code staff post broker login} flow, which holds only the gate and
     * is created even when the realm has no identity provider yet, ready for the first one.
     */
    private void postBrokerLogin() {
        FlowBuilder flows = new FlowBuilder(session, realm);
        AuthenticationFlowModel existing = realm.getFlowByAlias(SHARED_POST_BROKER_FLOW);
        AuthenticationFlowModel shared = existing != null
            && GateInFlow.of(realm, existing.getId(), StaffMfaIds.GATE, false) == GateInFlow.IN_PLACE ? existing : null;
        String sharedAlias = shared != null ? shared.getAlias() : flows.freeAlias(SHARED_POST_BROKER_FLOW);
        if (shared == null && change("create-post-broker-login-flow", "created '" + sharedAlias + "' ('" + StaffMfaIds.GATE
            + "'), the post-login flow for identity providers that have none of their own")) {
            shared = flows.topLevel(sharedAlias, FreshFlows.POST_BROKER_DESCRIPTION);
            flows.appendRequired(shared, StaffMfaIds.GATE);
        }
        List<IdentityProviderModel> ungated = session.identityProviders().getAllStream()
            .filter(provider -> GateInFlow.of(realm, provider.getPostBrokerLoginFlowId(), StaffMfaIds.GATE, false)
                != GateInFlow.IN_PLACE)
            .sorted(Comparator.comparing(IdentityProviderModel::getAlias))
            .toList();
        for (IdentityProviderModel provider : ungated) {
            AuthenticationFlowModel own = provider.getPostBrokerLoginFlowId() == null ? null
                : realm.getAuthenticationFlowById(provider.getPostBrokerLoginFlowId());
            AuthenticationFlowModel flow = own != null ? gatedCopyFor(provider, own)
                : change("set-post-broker-login-flow", "set '" + sharedAlias + "' as the post-login flow of the identity "
                    + "provider '" + provider.getAlias() + "', which had none") ? shared : null;
            if (flow != null) {
                provider.setPostBrokerLoginFlowId(flow.getId());
                session.identityProviders().update(provider);
            }
        }
    }

    private AuthenticationFlowModel gatedCopyFor(IdentityProviderModel provider, AuthenticationFlowModel own) {
        FlowBuilder flows = new FlowBuilder(session, realm);
        String alias = flows.freeAlias("staff " + own.getAlias());
        if (!change("set-post-broker-login-flow", "created '" + alias + "' (a copy of '" + own.getAlias() + "', then '"
            + StaffMfaIds.GATE + "') and set it as the post-login flow of the identity provider '" + provider.getAlias()
            + "'; '" + own.getAlias() + "' is kept")) {
            return null;
        }
        AuthenticationFlowModel copy = flows.copy(own, alias, true);
        noteDisabled(flows.disableStockSecondFactor(copy));
        flows.appendRequired(copy, StaffMfaIds.GATE);
        return copy;
    }

    /** Adds what was disabled in a copy to the detail of the change that made it. */
    private void noteDisabled(List<String> disabled) {
        if (disabled.isEmpty()) {
            return;
        }
        SetupChange last = changes.remove(changes.size() - 1);
        changes.add(new SetupChange(last.action(), last.detail() + "; disabled in the copy: " + String.join(", ", disabled)));
    }

    /** "'browser' is kept", or, when the binding named no flow, that nothing was bound. */
    private String kept(AuthenticationFlowModel bound) {
        return bound == null ? "no flow was bound before" : "'" + bound.getAlias() + "' is kept";
    }

    /**
     * What a flow built from the defaults leaves out of the bound one, for the change's detail and the warnings: an
     * administrator must see a deny-access rule or Kerberos go before it goes.
     */
    private String leftOut(FlowBuilder flows, AuthenticationFlowModel bound, Set<String> freshSteps) {
        List<String> lost = bound == null ? List.of() : flows.enabledStepsOutside(bound, freshSteps);
        if (lost.isEmpty()) {
            return "";
        }
        String steps = String.join(", ", lost.stream().map(step -> "'" + step + "'").toList());
        lostSteps.add("'" + bound.getAlias() + "': " + steps);
        return "; left out of the new flow: " + steps;
    }

    private static String id(AuthenticationFlowModel flow) {
        return flow == null ? null : flow.getId();
    }
}
