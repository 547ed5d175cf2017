package org.staffmfa.keycloak.credential;

import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;
import org.keycloak.Token;
import org.keycloak.common.util.Encode;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.compat.KeycloakApi;
import org.staffmfa.keycloak.factor.FactorCredentialTypes;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.realmpolicy.UserPolicies;
import org.staffmfa.keycloak.session.MfaNotes;

/**
 * Who may create credentials of the extension's kinds through Keycloak's generic paths: user creation and update,
 * partial import and realm import all hand a user representation's credentials to the credential provider of their
 * type, and Keycloak's set-up actions (also run from an emailed "execute actions" link) create second factors through
 * the providers too. The decision is made by the caller, never by the URL:
 * <ul>
 *   <li>a realm being created (full import, "Create realm" with a file, {@code kc.sh import}) may bring anything;</li>
 *   <li>a caller of a REST API with a bearer token (an administrator through the admin API, a user through the account
 *       API) may not create exemptions at all — those come only from the Staff MFA admin API — and may create second
 *       factors only while holding {@value MfaAdminRoles#MANAGE_MFA} (a migration script of an MFA administrator), so
 *       that a user administrator cannot plant a factor whose secret they know;</li>
 *   <li>a login or action-link flow may add a second factor for a user whose policy asks for one and who already has
 *       one only after the MFA gate decided in that flow (it asked for a fresh factor): an emailed action link alone
 *       proves control of a mailbox, which a user administrator can change;</li>
 *   <li>everything else is the server's own work: an import run at server start, a first factor set up in a login.</li>
 * </ul>
 */
public final class CredentialCreationGuard {

    private static final Logger LOG = Logger.getLogger(CredentialCreationGuard.class);
    private static final String REALM_BEING_CREATED = "staff-mfa.realm-being-created.";

    private CredentialCreationGuard() {
    }

    /** Keycloak announced a new realm: its import runs in this session until {@link #realmCreated}. */
    public static void realmCreationStarted(KeycloakSession session, RealmModel realm) {
        session.setAttribute(REALM_BEING_CREATED + realm.getId(), Boolean.TRUE);
    }

    public static void realmCreated(KeycloakSession session, RealmModel realm) {
        session.removeAttribute(REALM_BEING_CREATED + realm.getId());
    }

    /** Exemptions: only the extension's own code (which stores them directly) and realm creation. */
    public static void requireNoApiCaller(KeycloakSession session, RealmModel realm, UserModel user, String type) {
        apiCaller(session, realm).ifPresent(caller -> refuse(realm, user, type, caller.name(),
            "only the Staff MFA admin API grants these"));
    }

    /** Whether a REST API caller (not a realm being created, not the server itself) is creating the credential. */
    public static boolean isApiCaller(KeycloakSession session, RealmModel realm) {
        return apiCaller(session, realm).isPresent();
    }

    /**
     * Second factors: API callers need {@value MfaAdminRoles#MANAGE_MFA}; a flow that adds another factor for a user
     * who needs MFA must have passed the MFA gate.
     */
    public static void requireMayAddFactor(KeycloakSession session, RealmModel realm, UserModel user, String type) {
        Optional<ApiCaller> caller = apiCaller(session, realm);
        if (caller.isPresent()) {
            if (caller.get().auth() == null || !MfaAdminRoles.holds(
                AdminPermissions.evaluator(session, realm, caller.get().auth()), realm, MfaAdminRoles.MANAGE_MFA)) {
                refuse(realm, user, type, caller.get().name(), "the caller does not hold " + MfaAdminRoles.MANAGE_MFA);
            }
            return;
        }
        AuthenticationSessionModel flow = session.getContext().getAuthenticationSession();
        // The gate decided in this flow, or the user's first factor was just confirmed in it (recovery codes follow).
        boolean vouchedFor = flow != null && (flow.getAuthNote(MfaNotes.GATE_DECIDED) != null
            || flow.getAuthNote(MfaNotes.ENROLMENT_FOLLOW_UP) != null);
        if (flow != null && !vouchedFor && hasSecondFactor(user)
            && new UserPolicies().forUser(session, realm, user).mode() != MfaMode.OFF) {
            refuse(realm, user, type, user.getUsername() + "'s login flow",
                "another factor may be added only after the MFA gate (not from an emailed action link alone)");
        }
    }

    private static boolean hasSecondFactor(UserModel user) {
        return user.credentialManager().getStoredCredentialsStream()
            .anyMatch(credential -> FactorCredentialTypes.isSecondFactor(credential.getType()));
    }

    /** Who calls; {@code auth} is null for a token whose user cannot be found (it holds no MFA role then). */
    private record ApiCaller(String name, AdminAuth auth) {
    }

    /**
     * The person (or service account) calling a REST API in this request, unless a realm is being created. Some admin
     * operations (partial import) run in a session of their own that does not carry the caller's token, so the token
     * is then read from the request itself and verified as the admin API verifies it.
     */
    private static Optional<ApiCaller> apiCaller(KeycloakSession session, RealmModel realm) {
        if (session.getAttribute(REALM_BEING_CREATED + realm.getId()) != null) {
            return Optional.empty();
        }
        Token token = session.getContext().getBearerToken();
        if (token instanceof AccessToken access) {
            UserSessionModel userSession = session.getContext().getUserSession();
            RealmModel callerRealm = userSession != null ? userSession.getRealm() : realmOf(session, access);
            UserModel caller = userSession != null ? userSession.getUser()
                : callerRealm == null || access.getSubject() == null ? null
                : session.users().getUserById(callerRealm, access.getSubject());
            return Optional.of(caller(callerRealm, access, caller));
        }
        return bearerTokenOfRequest(session);
    }

    private static Optional<ApiCaller> bearerTokenOfRequest(KeycloakSession session) {
        HttpHeaders headers;
        try {
            headers = session.getContext().getRequestHeaders();
        } catch (RuntimeException noRequest) {
            return Optional.empty(); // no HTTP request: an import run by the server itself
        }
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return Optional.empty(); // e.g. a proxy's Basic authentication in front of a login page
        }
        String tokenString = authorization.substring("bearer ".length()).trim();
        RealmModel callerRealm;
        try {
            callerRealm = realmOf(session, new JWSInput(tokenString).readJsonContent(AccessToken.class));
        } catch (JWSInputException | RuntimeException unreadable) {
            return Optional.of(new ApiCaller("an unknown caller", null));
        }
        if (callerRealm == null) {
            return Optional.of(new ApiCaller("an unknown caller", null));
        }
        KeycloakContext context = session.getContext();
        ClientModel client = context.getClient();
        UserSessionModel userSession = context.getUserSession();
        Token bearer = context.getBearerToken();
        try {
            AuthenticationManager.AuthResult verified = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(callerRealm)
                .setConnection(context.getConnection())
                .setHeaders(headers)
                .setTokenString(tokenString)
                .authenticate();
            return Optional.of(verified == null ? new ApiCaller("an unknown caller", null)
                : caller(callerRealm, KeycloakApi.token(verified), KeycloakApi.user(verified)));
        } finally {
            // Verifying sets the context's client and session; the operation in progress keeps its own.
            context.setClient(client);
            context.setUserSession(userSession);
            context.setBearerToken(bearer);
        }
    }

    private static ApiCaller caller(RealmModel callerRealm, AccessToken access, UserModel caller) {
        if (callerRealm == null || caller == null) {
            return new ApiCaller("an unknown caller", null);
        }
        return new ApiCaller(caller.getUsername(),
            new AdminAuth(callerRealm, access, caller, callerRealm.getClientByClientId(access.getIssuedFor())));
    }

    private static RealmModel realmOf(KeycloakSession session, AccessToken token) {
        String issuer = token.getIssuer();
        return issuer == null ? null
            : session.realms().getRealmByName(Encode.decodePath(issuer.substring(issuer.lastIndexOf('/') + 1)));
    }

    private static void refuse(RealmModel realm, UserModel user, String type, String caller, String why) {
        LOG.warnf("Staff MFA: refused to create a %s credential for user %s in realm %s (by %s): %s",
            type, user.getUsername(), realm.getName(), caller, why);
        // Forbidden, not a model error: Keycloak answers 403 on every path (user create, update, partial import) and
        // rolls the whole request back.
        throw new ForbiddenException("Credentials of type " + type + " are not created this way");
    }
}
