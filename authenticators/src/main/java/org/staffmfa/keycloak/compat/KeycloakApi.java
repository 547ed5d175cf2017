package org.staffmfa.keycloak.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;

import jakarta.ws.rs.core.UriInfo;

import org.keycloak.common.ClientConnection;
import org.keycloak.common.Version;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The one place where the extension meets a Keycloak API that differs between the supported minors (26.4, 26.5,
 * 26.7). The extension is compiled against the oldest; each call here picks the form the running server has, found
 * once when the class loads (the handles are immutable, so nothing here is state a cluster node could disagree on).
 *
 * <p>Differences handled elsewhere without any switch, because one form works on all minors: the code mail goes to the
 * confirmed address through a user view ({@code factor.codes.MailRecipient}, 26.7 added a destination parameter);
 * QR codes are drawn with ZXing directly ({@code factor.totp.QrCodeImage}, 26.7 added {@code QRCodeUtils}); the time is
 * read with {@code Time.currentTime()} (26.7 added {@code currentTimeSeconds()}).
 */
public final class KeycloakApi {

    /** {@code failedLogin(realm, user, connection, uriInfo, Set<String> categories)}: 26.7 and later. */
    private static final MethodHandle FAILED_LOGIN_WITH_CATEGORIES = find(BruteForceProtector.class, "failedLogin",
        MethodType.methodType(void.class, RealmModel.class, UserModel.class, ClientConnection.class, UriInfo.class,
            Set.class));
    /** {@code failedLogin(realm, user, connection, uriInfo)}: 26.4 and 26.5. */
    private static final MethodHandle FAILED_LOGIN = find(BruteForceProtector.class, "failedLogin",
        MethodType.methodType(void.class, RealmModel.class, UserModel.class, ClientConnection.class, UriInfo.class));

    /**
     * {@code AuthResult} became a record in 26.5 ({@code user()}, {@code session()}, {@code token()}); its getters, the
     * only form 26.4 has, are deprecated for removal since.
     */
    private static final MethodHandle AUTH_USER = accessor("user", "getUser", UserModel.class);
    private static final MethodHandle AUTH_SESSION = accessor("session", "getSession", UserSessionModel.class);
    private static final MethodHandle AUTH_TOKEN = accessor("token", "getToken", AccessToken.class);

    private KeycloakApi() {
    }

    public static UserModel user(AuthResult result) {
        return (UserModel) read(AUTH_USER, result);
    }

    public static UserSessionModel session(AuthResult result) {
        return (UserSessionModel) read(AUTH_SESSION, result);
    }

    public static AccessToken token(AuthResult result) {
        return (AccessToken) read(AUTH_TOKEN, result);
    }

    /** The version of the running Keycloak, e.g. {@code 26.4.7}. */
    public static String runningVersion() {
        return Version.VERSION;
    }

    /**
     * Counts a failed login of {@code user} in Keycloak's brute-force protection; {@code credentialType} is the kind of
     * credential that failed (newer Keycloaks keep separate counts per kind, older ones one count).
     */
    public static void failedLogin(BruteForceProtector protector, RealmModel realm, UserModel user,
                                   ClientConnection connection, UriInfo uriInfo, String credentialType) {
        try {
            if (FAILED_LOGIN_WITH_CATEGORIES != null) {
                FAILED_LOGIN_WITH_CATEGORIES.invoke(protector, realm, user, connection, uriInfo, Set.of(credentialType));
            } else if (FAILED_LOGIN != null) {
                FAILED_LOGIN.invoke(protector, realm, user, connection, uriInfo);
            } else {
                throw new IllegalStateException("Keycloak " + runningVersion() + " offers no BruteForceProtector.failedLogin "
                    + "this extension knows");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(MethodHandle accessor, AuthResult result) {
        try {
            return accessor.invoke(result);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle accessor(String recordName, String getterName, Class<?> type) {
        MethodHandle accessor = find(AuthResult.class, recordName, MethodType.methodType(type));
        return accessor != null ? accessor : find(AuthResult.class, getterName, MethodType.methodType(type));
    }

    private static MethodHandle find(Class<?> owner, String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(owner, name, type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
