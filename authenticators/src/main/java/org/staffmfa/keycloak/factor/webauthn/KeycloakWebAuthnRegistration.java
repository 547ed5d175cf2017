package org.staffmfa.keycloak.factor.webauthn;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.requiredactions.WebAuthnRegisterFactory;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.http.HttpRequest;

/**
 * Keycloak's own WebAuthn registration (the {@code webauthn-register} required action, webauthn4j inside) run as one
 * step of the Staff MFA enrolment, so that the ceremony and the realm's WebAuthn policy checks stay Keycloak's.
 *
 * <p>Keycloak's action expects to own the whole required action: it would complete it on success and end on its own
 * error page otherwise. It therefore runs against a view of the enrolment's context in which completing or
 * challenging only reports back here, events go to a copy of the event (typed {@code UPDATE_CREDENTIAL}, so Keycloak's
 * success event is the credential event), and the form carries the key name the enrolment chose.
 */
final class KeycloakWebAuthnRegistration {

    /** Whether this server offers Keycloak's registration (feature {@code web-authn} enabled). */
    static boolean available(RequiredActionContext context) {
        return keycloak(context) != null;
    }

    /**
     * Puts a fresh challenge and the realm's WebAuthn options (relying party, algorithms, attestation, attachment,
     * resident key, user verification, timeout, keys to exclude) on the session's login form as attributes; the
     * caller renders its own template with them.
     */
    static void prepare(RequiredActionContext context) {
        keycloak(context).requiredActionChallenge(new Isolated(context, null).view());
    }

    /**
     * Verifies the browser's answer against the challenge and the realm's policy and stores the new key under the
     * given name.
     *
     * @return true when Keycloak stored the key; false when it refused the answer
     */
    static boolean register(RequiredActionContext context, String keyLabel) {
        Isolated isolated = new Isolated(context, keyLabel);
        keycloak(context).processAction(isolated.view());
        return isolated.succeeded;
    }

    private static RequiredActionProvider keycloak(RequiredActionContext context) {
        return context.getSession().getProvider(RequiredActionProvider.class, WebAuthnRegisterFactory.PROVIDER_ID);
    }

    /** The enrolment's context as Keycloak's registration sees it. */
    private static final class Isolated implements InvocationHandler {

        private final RequiredActionContext context;
        private final EventBuilder event;
        private final HttpRequest request;
        private boolean succeeded;

        Isolated(RequiredActionContext context, String keyLabel) {
            this.context = context;
            this.event = context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL);
            this.request = keyLabel == null ? context.getHttpRequest() : withLabel(context.getHttpRequest(), keyLabel);
        }

        RequiredActionContext view() {
            return proxy(RequiredActionContext.class, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "success":
                    succeeded = true;
                    return null;
                case "challenge":
                    // Keycloak's page (the form or its error page): the enrolment shows its own instead.
                    return null;
                case "getEvent":
                    return event;
                case "getHttpRequest":
                    return request;
                default:
                    return delegate(context, method, args);
            }
        }

        /** The same request, with the key name replaced by the one the enrolment validated and made unique. */
        private static HttpRequest withLabel(HttpRequest original, String keyLabel) {
            MultivaluedMap<String, String> form = new MultivaluedHashMap<>(original.getDecodedFormParameters());
            form.putSingle(org.keycloak.WebAuthnConstants.AUTHENTICATOR_LABEL, keyLabel);
            return proxy(HttpRequest.class, (proxy, method, args) ->
                "getDecodedFormParameters".equals(method.getName()) ? form : delegate(original, method, args));
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(KeycloakWebAuthnRegistration.class.getClassLoader(),
            new Class<?>[] {type}, handler));
    }

    private static Object delegate(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private KeycloakWebAuthnRegistration() {
    }
}
