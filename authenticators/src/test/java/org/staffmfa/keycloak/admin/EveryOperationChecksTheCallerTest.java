package org.staffmfa.keycloak.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

/**
 * Every operation of the MFA admin API asks the caller check first — the check stands in here and throws — except
 * ending a suspension. Found by reflection, so a locator or an emergency operation added later without the check fails
 * this test instead of going unnoticed.
 */
class EveryOperationChecksTheCallerTest {

    private static final class Asked extends RuntimeException {
        Asked() {
            super("the caller check was asked");
        }
    }

    private static final CallerCheck REFUSE = () -> {
        throw new Asked();
    };

    private static boolean isOperation(Method method) {
        return Stream.of(GET.class, PUT.class, POST.class, DELETE.class, PATCH.class, HEAD.class)
            .anyMatch(method::isAnnotationPresent);
    }

    private static Object[] nullArguments(Method method) {
        Object[] arguments = new Object[method.getParameterCount()];
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = method.getParameterTypes()[i] == String.class ? "some-id" : null;
        }
        return arguments;
    }

    /** What invoking the method with placeholder arguments throws; null when it returns. */
    private static Throwable thrownBy(Object target, Method method) {
        try {
            method.invoke(target, nullArguments(method));
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Method> publicMethods(Class<?> type) {
        return Stream.of(type.getDeclaredMethods()).filter(method -> Modifier.isPublic(method.getModifiers())).toList();
    }

    @Test
    void everyPartOfTheApiAsksTheCallerCheckFirst() {
        StaffMfaAdminResource api = new StaffMfaAdminResource(null, null, null, null, REFUSE);
        List<String> locators = new ArrayList<>();
        for (Method method : publicMethods(StaffMfaAdminResource.class)) {
            assertThat(isOperation(method)).as("operations live in sub-resources: " + method.getName()).isFalse();
            if (!method.isAnnotationPresent(Path.class) || method.getReturnType() == EmergencyResource.class) {
                continue;
            }
            locators.add(method.getName());
            assertThat(thrownBy(api, method)).as(method.getName()).isInstanceOf(Asked.class);
        }
        assertThat(locators).as("the test finds the locators").contains("groups", "setup", "user").hasSizeGreaterThan(8);
    }

    @Test
    void everyEmergencyOperationButEndingASuspensionAsksTheCallerCheckFirst() {
        EmergencyResource emergency = new StaffMfaAdminResource(null, null, null, null, REFUSE).emergency();
        List<String> checked = new ArrayList<>();
        for (Method method : publicMethods(EmergencyResource.class)) {
            if (!isOperation(method) && !method.isAnnotationPresent(Path.class)) {
                continue;
            }
            Throwable thrown = thrownBy(emergency, method);
            if (method.getName().equals("endSuspension")) {
                assertThat(thrown).as("ending a suspension asks for no factor").isNotInstanceOf(Asked.class);
            } else if (thrown instanceof Asked) {
                checked.add(method.getName());
            } else {
                fail(method.getName() + " does not ask the caller check first: " + thrown);
            }
        }
        assertThat(checked).as("the test finds the operations").contains("get", "disableFactors", "suspend");
    }
}
