package org.staffmfa.keycloak.it.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.staffmfa.keycloak.it.support.TestSettings;

/**
 * Every method, constructor and field of Keycloak (and of the libraries Keycloak provides) that the provider JAR calls
 * exists in the Keycloak of this run, with the same signature. The integration tests prove the paths they walk; this
 * proves the ones they do not (an error branch, a rarely used setting) would not end in {@code NoSuchMethodError} on
 * one of the supported minors. Calls that differ between minors go through {@code compat.KeycloakApi} by method
 * handle, so they are not direct references and are not listed here.
 */
class KeycloakApiLinkageIT {

    /** What Keycloak provides at run time; everything else in the JAR is the extension's own or shaded in. */
    private static final Pattern PROVIDED_REFERENCE = Pattern.compile(
        "// (Method|InterfaceMethod|Field) ((?:org/keycloak|jakarta|com/webauthn4j|com/fasterxml|org/jboss|com/google/zxing)"
            + "/[\\w/$]+)\\.(\"?[\\w<>$]+\"?):(\\S+)");

    @Test
    void everyKeycloakMemberTheJarCallsExistsInThisKeycloak() throws IOException {
        Set<String> references = providedReferences(TestSettings.providerJar());
        assertThat(references).as("references read from the JAR").hasSizeGreaterThan(200);

        List<String> missing = new ArrayList<>();
        try (URLClassLoader keycloak = new URLClassLoader(jars(TestSettings.keycloakHome().resolve("lib")),
            ClassLoader.getPlatformClassLoader())) {
            for (String reference : references) {
                if (!exists(keycloak, reference)) {
                    missing.add(reference);
                }
            }
        }
        assertThat(missing).as("members the JAR calls that Keycloak " + TestSettings.keycloakVersion() + " lacks").isEmpty();
    }

    /** "Kind owner.member:descriptor" for every provided member the JAR's classes refer to, read with javap. */
    private static Set<String> providedReferences(Path jar) throws IOException {
        List<String> classes = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(entry -> entry.getName())
                .filter(name -> name.startsWith("org/staffmfa/") && name.endsWith(".class"))
                .forEach(name -> classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.')));
        }
        List<String> arguments = new ArrayList<>(List.of("-c", "-p", "-cp", jar.toString()));
        arguments.addAll(classes);
        StringWriter out = new StringWriter();
        int exit = ToolProvider.findFirst("javap").orElseThrow(() -> new IllegalStateException("javap needs a JDK"))
            .run(new PrintWriter(out), new PrintWriter(out), arguments.toArray(String[]::new));
        assertThat(exit).as(out.toString()).isZero();
        Set<String> references = new TreeSet<>();
        Matcher matcher = PROVIDED_REFERENCE.matcher(out.toString());
        while (matcher.find()) {
            references.add(matcher.group(1) + " " + matcher.group(2) + "." + matcher.group(3).replace("\"", "") + ":"
                + matcher.group(4));
        }
        return references;
    }

    private static boolean exists(ClassLoader keycloak, String reference) {
        String kind = reference.substring(0, reference.indexOf(' '));
        String ownerAndMember = reference.substring(kind.length() + 1, reference.indexOf(':'));
        String descriptor = reference.substring(reference.indexOf(':') + 1);
        String owner = ownerAndMember.substring(0, ownerAndMember.lastIndexOf('.')).replace('/', '.');
        String member = ownerAndMember.substring(ownerAndMember.lastIndexOf('.') + 1);
        Class<?> type;
        try {
            type = Class.forName(owner, false, keycloak);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        return "Field".equals(kind) ? hasField(type, member, descriptor) : hasMethod(type, member, descriptor);
    }

    private static boolean hasField(Class<?> type, String name, String descriptor) {
        for (Class<?> owner : typeAndSupertypes(type)) {
            for (Field field : owner.getDeclaredFields()) {
                if (field.getName().equals(name) && descriptor(field.getType()).equals(descriptor)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasMethod(Class<?> type, String name, String descriptor) {
        if ("<init>".equals(name)) {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (descriptor(constructor.getParameterTypes(), void.class).equals(descriptor)) {
                    return true;
                }
            }
            return false;
        }
        for (Class<?> owner : typeAndSupertypes(type)) {
            for (Method method : owner.getDeclaredMethods()) {
                if (method.getName().equals(name)
                    && descriptor(method.getParameterTypes(), method.getReturnType()).equals(descriptor)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Class<?>> typeAndSupertypes(Class<?> type) {
        List<Class<?>> all = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type, Object.class));
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> next = todo.poll();
            if (seen.add(next)) {
                all.add(next);
                if (next.getSuperclass() != null) {
                    todo.add(next.getSuperclass());
                }
                todo.addAll(List.of(next.getInterfaces()));
            }
        }
        return all;
    }

    private static String descriptor(Class<?>[] parameters, Class<?> result) {
        StringBuilder descriptor = new StringBuilder("(");
        for (Class<?> parameter : parameters) {
            descriptor.append(descriptor(parameter));
        }
        return descriptor.append(')').append(descriptor(result)).toString();
    }

    private static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return "[" + descriptor(type.getComponentType());
        }
        if (type.isPrimitive()) {
            return switch (type.getName()) {
                case "void" -> "V";
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                default -> "D";
            };
        }
        return "L" + type.getName().replace('.', '/') + ";";
    }

    private static URL[] jars(Path lib) throws IOException {
        try (Stream<Path> files = Files.walk(lib)) {
            return files.filter(file -> file.toString().endsWith(".jar")).map(file -> {
                try {
                    return file.toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new UncheckedIOException(e);
                }
            }).toArray(URL[]::new);
        }
    }
}
