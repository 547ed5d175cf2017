package org.staffmfa.keycloak.policy;

import java.util.Optional;

/** What the resolver needs of a group: its path, its own attribute values, and its parent. */
public interface PolicyGroup {

    /** e.g. {@code /staff/systems} */
    String path();

    /** The value assigned directly on this group, if any (blank counts as unset). */
    Optional<String> attribute(String name);

    Optional<PolicyGroup> parent();
}
