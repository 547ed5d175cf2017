/**
 * Authenticators of the staff MFA browser and direct-grant flows. Empty until the group policy and its gate land
 * (see the issue on group MFA policy); the module exists so that the build and the single provider JAR are in place.
 */
package org.staffmfa.keycloak.authenticator;
