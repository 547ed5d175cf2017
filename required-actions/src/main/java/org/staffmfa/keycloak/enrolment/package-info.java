/**
 * Required actions that enrol second factors. Empty until enrolment lands (see the issue on group MFA policy); the
 * module exists so that the build and the single provider JAR are in place.
 */
package org.staffmfa.keycloak.enrolment;
