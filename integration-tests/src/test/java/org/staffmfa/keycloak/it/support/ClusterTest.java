package org.staffmfa.keycloak.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that needs the two-node cluster ({@link KeycloakCluster}): tagged {@code cluster}, so that only
 * the cluster execution runs it, even when {@code -Dit.test} names it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RealKeycloakTest
@Tag("cluster")
public @interface ClusterTest {
}
