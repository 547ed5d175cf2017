package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private copy of the demo realm ({@code realm-export/library-staff-realm.json}) for one test class: imported under a
 * unique name before the class's tests, deleted after them, so test classes never see each other's changes.
 *
 * <pre>{@code @RegisterExtension static final DemoRealm realm = new DemoRealm();}</pre>
 */
public final class DemoRealm implements BeforeAllCallback, AfterAllCallback {

    public static final String DEMO_REALM_RESOURCE = "realm-export/library-staff-realm.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<ObjectNode> customizer;
    private String name;
    private KeycloakServer server;
    private AdminClient admin;

    public DemoRealm() {
        this(json -> { });
    }

    /** @param customizer changes the realm JSON before the import, e.g. to set an SMTP server */
    public DemoRealm(Consumer<ObjectNode> customizer) {
        this.customizer = customizer;
    }

    /**
     * The demo realm imported under {@code name} into a server the caller started and stops (the upgrade test); it
     * stays when the test ends, with the server's database.
     */
    public static DemoRealm importInto(KeycloakServer server, AdminClient admin, String name,
                                       Consumer<ObjectNode> customizer) {
        ObjectNode json = demoRealmJson();
        json.put("realm", name);
        // Keycloak counts each failed login in a background job; two such jobs finishing out of order make the later
        // failure look like one that came before the earlier one, i.e. a "quick login", and 26.4 then locks the user
        // for minimumQuickLoginWaitSeconds after one or two wrong codes. Tests that send answers back to back must not
        // depend on that race: no quick-login lock here (failureFactor lockouts stay as they are).
        json.put("minimumQuickLoginWaitSeconds", 0);
        customizer.accept(json);
        admin.createRealm(json);
        return existing(server, admin, name);
    }

    /** A realm that already exists on {@code server}, e.g. after the server was upgraded. */
    public static DemoRealm existing(KeycloakServer server, AdminClient admin, String name) {
        DemoRealm realm = new DemoRealm();
        realm.server = server;
        realm.admin = admin;
        realm.name = name;
        return realm;
    }

    /** The demo realm exactly as the demo command imports it. */
    public static ObjectNode demoRealmJson() {
        try (InputStream in = DemoRealm.class.getClassLoader().getResourceAsStream(DEMO_REALM_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEMO_REALM_RESOURCE + " is not on the test class path");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = KeycloakExtension.server(context);
        admin = KeycloakExtension.admin(context);
        name = "it-" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT) + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        ObjectNode json = demoRealmJson();
        json.put("realm", name);
        // Keycloak counts each failed login in a background job; two such jobs finishing out of order make the later
        // failure look like one that came before the earlier one, i.e. a "quick login", and 26.4 then locks the user
        // for minimumQuickLoginWaitSeconds after one or two wrong codes. Tests that send answers back to back must not
        // depend on that race: no quick-login lock here (failureFactor lockouts stay as they are).
        json.put("minimumQuickLoginWaitSeconds", 0);
        customizer.accept(json);
        admin.createRealm(json);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (name != null) {
            admin.deleteRealm(name);
        }
    }

    public String name() {
        return name;
    }

    public KeycloakServer server() {
        return server;
    }

    public AdminClient admin() {
        return admin;
    }

    /** {@code http://localhost:port/realms/<name>} */
    public String url() {
        return server.realmUrl(name);
    }

    /**
     * A new member of {@code /staff/systems} (required mode) with password {@code <username>-pw} and an authenticator
     * app, whose codes the returned generator computes.
     */
    public TotpGenerator systemsUserWithApp(String username) {
        String secret = TotpGenerator.randomBase32Secret();
        admin.createUser(name, username, username + "-pw", secret, "/staff/systems");
        return TotpGenerator.googleAuthenticator(secret);
    }

    /** {@code /realms/<name>} for admin API paths: {@code admin().get(realm.adminPath() + "/users")}. */
    public String adminPath() {
        return "/realms/" + name;
    }
}
