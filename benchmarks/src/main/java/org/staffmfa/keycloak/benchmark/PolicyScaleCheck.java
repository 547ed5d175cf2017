package org.staffmfa.keycloak.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.policy.PolicyGroup;
import org.staffmfa.keycloak.policy.PolicyResolver;

/**
 * How long the policy resolver takes for a user in 50 groups of a 10,000-group realm nested 8 deep, next to a user in
 * one group. The groups are in memory: this is the resolver's own cost. In Keycloak the user's groups and their
 * ancestors come from the (cached) group store; the resolver never asks for any other group.
 */
final class PolicyScaleCheck {

    record Result(int groups, int depth, int memberships, double microsManyGroups, double microsOneGroup) {
    }

    private record Group(String path, Map<String, String> attributes, PolicyGroup parentGroup) implements PolicyGroup {
        @Override
        public Optional<String> attribute(String name) {
            return Optional.ofNullable(attributes.get(name));
        }

        @Override
        public Optional<PolicyGroup> parent() {
            return Optional.ofNullable(parentGroup);
        }
    }

    static Result run() {
        int depth = 8;
        int chains = 1250; // 1,250 chains of 8 = 10,000 groups
        List<Group> leaves = new ArrayList<>();
        for (int chain = 0; chain < chains; chain++) {
            Group parent = null;
            for (int level = 0; level < depth; level++) {
                Map<String, String> attributes = new HashMap<>();
                // Settings at different levels, so the resolver walks the whole chain.
                if (level == 0) {
                    attributes.put(PolicyAttributes.MODE, chain % 3 == 0 ? "required" : "allowed");
                    attributes.put(PolicyAttributes.FACTORS, "totp, webauthn, email");
                }
                if (level == 3) {
                    attributes.put(PolicyAttributes.RECHECK_INTERVAL, "PT" + (1 + chain % 12) + "H");
                }
                if (level == 6 && chain % 5 == 0) {
                    attributes.put(PolicyAttributes.REMEMBER_BROWSER, "never");
                }
                String path = (parent == null ? "" : parent.path()) + "/g" + chain + "-" + level;
                parent = new Group(path, attributes, parent);
            }
            leaves.add(parent);
        }
        List<Group> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(leaves.get(i * (chains / 50)));
        }
        List<Group> one = List.of(leaves.get(7));
        return new Result(chains * depth, depth, fifty.size(), micros(fifty), micros(one));
    }

    /** Mean time of one resolution, after warming the JIT up; the result is consumed so it cannot be optimised away. */
    private static double micros(List<Group> memberships) {
        PolicyResolver resolver = new PolicyResolver();
        long sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += resolver.resolve(name -> Optional.empty(), memberships).factors().size();
        }
        int rounds = 50_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            EffectivePolicy policy = resolver.resolve(name -> Optional.empty(), memberships);
            sink += policy.recheckInterval().getSeconds();
        }
        long elapsed = System.nanoTime() - start;
        if (sink == 42) {
            System.out.print("");
        }
        return elapsed / 1000.0 / rounds;
    }
}
