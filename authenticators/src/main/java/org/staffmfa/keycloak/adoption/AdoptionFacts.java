package org.staffmfa.keycloak.adoption;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.compat.KeycloakJpa;
import org.staffmfa.keycloak.exemption.UserExemptions;
import org.staffmfa.keycloak.factor.FactorCredentialTypes;
import org.staffmfa.keycloak.factor.totp.OtpCredentials;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.state.UserMfaState;

/**
 * What the adoption view counts, read for a whole realm in four read-only queries (users, group memberships, factor
 * credentials, MFA state and exemptions) instead of one walk per user: a 10,000-user realm must answer in seconds.
 * Users of a user-storage provider without import (LDAP, Kerberos) are not in Keycloak's tables and are not counted.
 */
public record AdoptionFacts(Map<String, Person> users, Map<String, Set<String>> groupIdsByUser,
                            Map<String, Set<Factor>> factorsByUser, Map<String, Set<OtpAlgorithm>> appAlgorithmsByUser,
                            Map<String, Integer> skipsByUser, Set<String> exemptUsers) {

    /** A user as the view lists them. */
    public record Person(String id, String username, String firstName, String lastName, String email, boolean enabled) {
    }

    public static AdoptionFacts load(KeycloakSession session, RealmModel realm) {
        EntityManager em = KeycloakJpa.entityManager(session);
        Map<String, Person> users = new LinkedHashMap<>();
        for (Object[] row : em.createQuery("select u.id, u.username, u.firstName, u.lastName, u.email, u.enabled "
                + "from UserEntity u where u.realmId = :realm and u.serviceAccountClientLink is null", Object[].class)
            .setParameter("realm", realm.getId()).getResultList()) {
            users.put((String) row[0], new Person((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], Boolean.TRUE.equals(row[5])));
        }
        Map<String, Set<String>> groups = new HashMap<>();
        for (Object[] row : em.createQuery("select m.user.id, m.groupId from UserGroupMembershipEntity m "
                + "where m.user.realmId = :realm", Object[].class)
            .setParameter("realm", realm.getId()).getResultList()) {
            groups.computeIfAbsent((String) row[0], id -> new HashSet<>()).add((String) row[1]);
        }
        List<String> factorTypes = new ArrayList<>();
        for (Factor factor : Factor.values()) {
            factorTypes.add(FactorCredentialTypes.typeOf(factor));
        }
        Map<String, Set<Factor>> factors = new HashMap<>();
        Map<String, Set<OtpAlgorithm>> algorithms = new HashMap<>();
        for (Object[] row : em.createQuery("select c.user.id, c.type, c.credentialData from CredentialEntity c "
                + "where c.user.realmId = :realm and c.type in :types", Object[].class)
            .setParameter("realm", realm.getId()).setParameter("types", factorTypes).getResultList()) {
            Optional<Factor> factor = FactorCredentialTypes.factorOf((String) row[1]);
            factor.ifPresent(f -> factors.computeIfAbsent((String) row[0], id -> EnumSet.noneOf(Factor.class)).add(f));
            if (factor.filter(Factor.TOTP::equals).isPresent()) {
                algorithms.computeIfAbsent((String) row[0], id -> EnumSet.noneOf(OtpAlgorithm.class))
                    .add(OtpCredentials.algorithm((String) row[2]));
            }
        }
        Map<String, Integer> skips = new HashMap<>();
        Set<String> exempt = new HashSet<>();
        long now = Time.currentTime();
        for (Object[] row : em.createQuery("select c.user.id, c.type, c.credentialData, c.secretData from CredentialEntity c "
                + "where c.user.realmId = :realm and c.type in :types", Object[].class)
            .setParameter("realm", realm.getId())
            .setParameter("types", List.of(UserMfaState.CREDENTIAL_TYPE, UserExemptions.CREDENTIAL_TYPE)).getResultList()) {
            String userId = (String) row[0];
            if (UserMfaState.CREDENTIAL_TYPE.equals(row[1])) {
                skips.merge(userId, UserMfaState.enrolmentSkipsIn((String) row[3]), Math::max);
            } else if (UserExemptions.inForce((String) row[2], now)) {
                exempt.add(userId);
            }
        }
        return new AdoptionFacts(users, groups, factors, algorithms, skips, exempt);
    }
}
