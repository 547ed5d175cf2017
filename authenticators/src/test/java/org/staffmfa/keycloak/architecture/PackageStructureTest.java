package org.staffmfa.keycloak.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The rules that keep the house in shape (docs/architecture.md), checked on the sources of the extension's Keycloak
 * modules: no package imports back into a package that imports it, directly or around a loop; the shared factor
 * contract knows no factor; only {@code BuiltInFactors} lists the factors; the gate and the enrolment action reach
 * factors only through the contract.
 */
class PackageStructureTest {

    private static final String BASE = "org.staffmfa.keycloak";
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(org\\.staffmfa\\.keycloak[\\w.]*?)\\.[A-Z]",
        Pattern.MULTILINE);

    /** package → the extension's packages it imports. */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../required-actions/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                    String source = read(file);
                    Matcher pkg = PACKAGE.matcher(source);
                    if (!pkg.find()) {
                        return;
                    }
                    Set<String> imports = graph.computeIfAbsent(pkg.group(1), key -> new TreeSet<>());
                    Matcher imported = IMPORT.matcher(source);
                    while (imported.find()) {
                        if (!imported.group(1).equals(pkg.group(1))) {
                            imports.add(imported.group(1));
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return graph;
    }

    @Test
    void noPackageImportsItselfAroundALoop() {
        Map<String, Set<String>> graph = dependencies();
        List<List<String>> loops = new ArrayList<>();
        for (String start : graph.keySet()) {
            // A path from a dependency back to start closes a loop.
            for (String next : graph.get(start)) {
                List<String> path = pathBetween(graph, next, start);
                if (path != null) {
                    List<String> loop = new ArrayList<>(List.of(start));
                    loop.addAll(path);
                    loops.add(loop);
                }
            }
        }
        assertThat(loops).as("package loops").isEmpty();
        assertThat(graph).as("packages read").hasSizeGreaterThan(20);
    }

    @Test
    void theFactorContractKnowsNoFactor() {
        assertThat(dependencies().get(BASE + ".factor")).noneMatch(dependency -> dependency.startsWith(BASE + ".factor."));
    }

    @Test
    void theGateAndTheEnrolmentActionReachFactorsOnlyThroughTheContract() {
        Map<String, Set<String>> graph = dependencies();
        for (String orchestrator : List.of(BASE + ".gate", BASE + ".enrolment.action")) {
            assertThat(graph.get(orchestrator)).as(orchestrator)
                .noneMatch(dependency -> dependency.startsWith(BASE + ".factor.") && !dependency.equals(BASE + ".factor.totp"));
        }
        // The password grant checks app codes itself: the one factor package the gate may name.
        assertThat(graph.get(BASE + ".gate")).contains(BASE + ".factors");
    }

    @Test
    void onlyBuiltInFactorsListsTheFactors() {
        Map<String, Set<String>> graph = dependencies();
        Set<String> factorPackages = Set.of(BASE + ".factor.totp", BASE + ".factor.codes", BASE + ".factor.webauthn",
            BASE + ".factor.recovery");
        Map<String, Set<String>> importersOfAll = new HashMap<>();
        graph.forEach((pkg, imports) -> {
            if (imports.containsAll(factorPackages)) {
                importersOfAll.put(pkg, imports);
            }
        });
        assertThat(importersOfAll).containsOnlyKeys(BASE + ".factors");
    }

    private static List<String> pathBetween(Map<String, Set<String>> graph, String from, String to) {
        Deque<List<String>> queue = new ArrayDeque<>();
        queue.add(List.of(from));
        Set<String> seen = new HashSet<>(List.of(from));
        while (!queue.isEmpty()) {
            List<String> path = queue.poll();
            String last = path.get(path.size() - 1);
            if (last.equals(to)) {
                return path;
            }
            for (String next : graph.getOrDefault(last, Set.of())) {
                if (seen.add(next)) {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(next);
                    queue.add(longer);
                }
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
