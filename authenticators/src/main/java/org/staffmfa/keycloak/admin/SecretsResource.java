package org.staffmfa.keycloak.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.compat.KeycloakJpa;
import org.staffmfa.keycloak.factor.FactorCredentialTypes;
import org.staffmfa.keycloak.factor.codes.ContactCredentials;
import org.staffmfa.keycloak.factor.totp.OtpSecrets;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.secrets.FactorSecrets;
import org.staffmfa.keycloak.secrets.SecretCipher;

/**
 * {@code /admin/realms/{realm}/staff-mfa/secrets}: whether second-factor secrets are sealed, with which keys, how
 * many values each key holds and how many are still plain ({@code GET}, MFA view rights); and the re-encrypt command
 * ({@code POST secrets/re-encrypt?max=N}, {@code manage-mfa}), which seals up to N plain values, or values sealed with
 * an older key, with the current key, in this request's transaction. Call it again until {@code remaining} is 0: a
 * batch that fails is undone and the next call starts over where the last finished one ended. Values whose key is
 * missing, or that cannot be read at all, are listed and left alone; an HOTP app a login is checking right now is
 * left for the next call. Only this realm's users stored in Keycloak's own database are seen (not federated ones).
 */
public final class SecretsResource {

    static final int DEFAULT_BATCH = 200;
    static final int MAX_BATCH = 1000;

    public record Status(boolean encrypted, String currentKey, List<String> keys, int values, int plain,
                         Map<String, Integer> sealedByKey, int toReseal) {
    }

    public record Unreadable(String userId, String credentialId, String type, String keyId) {
    }

    public record Batch(int resealed, List<Unreadable> unreadable, int remaining) {
    }

    private record Row(String userId, String credentialId, String type, Optional<String> value) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MfaAdminEvents events;

    SecretsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, MfaAdminEvents events) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.events = events;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Status status() {
        MfaAdminRoles.requireViewOrManageMfa(auth, realm, auth.realm().canViewRealm(), "the realm");
        SecretCipher cipher = FactorSecrets.cipher(session);
        List<Row> rows = rows();
        Map<String, Integer> byKey = new TreeMap<>();
        int plain = 0;
        int toReseal = 0;
        for (Row row : rows) {
            Optional<String> key = row.value().flatMap(SecretCipher::keyIdOf);
            if (key.isPresent()) {
                byKey.merge(key.get(), 1, Integer::sum);
            } else {
                plain++;
            }
            if (needsResealing(cipher, row)) {
                toReseal++;
            }
        }
        return new Status(cipher.keys().configured(), cipher.keys().currentId().orElse(null),
            List.copyOf(cipher.keys().ids()), rows.size(), plain, byKey, toReseal);
    }

    @POST
    @Path("re-encrypt")
    @Produces(MediaType.APPLICATION_JSON)
    public Batch reEncrypt(@QueryParam("max") Integer max) {
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        SecretCipher cipher = FactorSecrets.cipher(session);
        if (!cipher.keys().configured()) {
            throw new BadInput("No key is configured (server option --spi-admin-realm-restapi-extension--staff-mfa--"
                + org.staffmfa.keycloak.secrets.KeyFile.OPTION + "); nothing can be encrypted");
        }
        int limit = max == null ? DEFAULT_BATCH : max;
        if (limit < 1 || limit > MAX_BATCH) {
            throw new BadInput("\"max\" must be between 1 and " + MAX_BATCH);
        }
        List<Row> pending = rows().stream().filter(row -> needsResealing(cipher, row)).toList();
        int resealed = 0;
        List<Unreadable> unreadable = new ArrayList<>();
        for (Row row : pending) {
            if (resealed >= limit) {
                break;
            }
            UserModel user = session.users().getUserById(realm, row.userId());
            CredentialModel credential = user == null ? null : user.credentialManager().getStoredCredentialById(row.credentialId());
            if (credential == null) {
                continue;
            }
            try {
                boolean written = OTPCredentialModel.TYPE.equals(row.type())
                    ? OtpSecrets.resealOutsideLogin(session, realm, cipher, user, row.credentialId())
                    : ContactCredentials.reseal(cipher, user, credential);
                if (written) {
                    resealed++;
                }
            } catch (SecretCipher.UnreadableSecret e) {
                unreadable.add(new Unreadable(row.userId(), row.credentialId(), row.type(), e.keyId()));
            } catch (RuntimeException e) {
                // Edited by hand into something that is no credential of its kind: left as it is.
                unreadable.add(new Unreadable(row.userId(), row.credentialId(), row.type(), null));
            }
        }
        Batch batch = new Batch(resealed, unreadable, pending.size() - resealed - unreadable.size());
        events.secrets("re-encrypt-secrets", Map.of("resealed", resealed, "unreadable", unreadable.size(),
            "remaining", batch.remaining(), "currentKey", cipher.keys().currentId().orElseThrow()));
        return batch;
    }

    /** Plain values, values of another key than the current one, and addresses kept the earlier way. */
    private static boolean needsResealing(SecretCipher cipher, Row row) {
        return row.value().map(cipher::needsResealing).orElse(cipher.keys().configured());
    }

    /** Every authenticator-app, email and SMS credential of the realm, with its stored secret (no secret opened). */
    private List<Row> rows() {
        String otp = FactorCredentialTypes.typeOf(Factor.TOTP);
        EntityManager em = KeycloakJpa.entityManager(session);
        List<Row> rows = new ArrayList<>();
        for (Object[] row : em.createQuery("select c.user.id, c.id, c.type, c.secretData from CredentialEntity c "
                + "where c.user.realmId = :realm and c.type in :types order by c.id", Object[].class)
            .setParameter("realm", realm.getId())
            .setParameter("types", List.of(otp, FactorCredentialTypes.typeOf(Factor.EMAIL),
                FactorCredentialTypes.typeOf(Factor.SMS)))
            .getResultList()) {
            String type = (String) row[2];
            String secretData = (String) row[3];
            Optional<String> value = otp.equals(type) ? Optional.ofNullable(OtpSecrets.storedValue(secretData))
                : ContactCredentials.storedValue(secretData);
            rows.add(new Row((String) row[0], (String) row[1], type, value));
        }
        return rows;
    }
}
