package org.staffmfa.keycloak.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * A Java Flight Recorder profile of Keycloak while one variant runs alone: started and stopped with {@code jcmd}
 * (so warm-up and realm set-up stay out of it), written under {@code benchmarks/target/}, then summarised from the
 * recording's CPU samples: where the samples' top frames are (by area of code), and how many samples have a frame of
 * this extension anywhere on their stack (its own cost and what it calls).
 */
final class FlightRecording {

    private static final String RECORDING = "staff-mfa-profile";
    private static final String EXTENSION = "org.staffmfa.";

    /** Areas of code, first match wins; the rest count as "other". */
    private static final List<String[]> AREAS = List.of(
        new String[] {"password hashing", "org.keycloak.credential.hash", "org.bouncycastle.crypto.generators.Argon2"},
        new String[] {"this extension (own frames)", EXTENSION},
        new String[] {"Hibernate / JDBC / H2", "org.hibernate.", "org.h2.", "io.agroal.", "com.arjuna.", "jakarta.persistence"},
        new String[] {"Infinispan (sessions, caches)", "org.infinispan.", "org.jgroups."},
        new String[] {"FreeMarker (pages)", "freemarker."},
        new String[] {"HTTP (Vert.x, Netty, RESTEasy)", "io.vertx.", "io.netty.", "org.jboss.resteasy.", "io.quarkus.vertx", "io.quarkus.resteasy"},
        new String[] {"cryptography (BouncyCastle)", "org.bouncycastle."},
        new String[] {"JSON (Jackson)", "com.fasterxml.jackson."},
        new String[] {"logging", "org.jboss.logmanager.", "org.jboss.logging."},
        new String[] {"Keycloak", "org.keycloak."},
        new String[] {"JDK alone (no library frame on the stack)", "java.", "jdk.", "sun."});

    record Summary(Path file, long samples, long extensionOnStack, Map<String, Long> byArea,
                   Map<String, Long> extensionMethods) {
    }

    private final long pid;

    FlightRecording(long pid) {
        this.pid = pid;
    }

    void start(Path file) throws IOException, InterruptedException {
        jcmd("JFR.start", "name=" + RECORDING, "settings=default", "filename=" + file.toAbsolutePath());
    }

    void stop() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=" + RECORDING);
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("Could not")) {
            throw new IOException(String.join(" ", line) + " failed: " + output);
        }
    }

    static Summary summarise(Path file) throws IOException {
        Map<String, Long> byArea = new LinkedHashMap<>();
        Map<String, Long> methods = new HashMap<>();
        long samples = 0;
        long extension = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            byArea.merge(area(frames), 1L, Long::sum);
            // Each extension method once per sample (inclusive time), however often it recurs on the stack.
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame.getMethod());
                if (name.startsWith(EXTENSION) && seen.add(name)) {
                    methods.merge(name.substring(EXTENSION.length()), 1L, Long::sum);
                }
            }
            if (!seen.isEmpty()) {
                extension++;
            }
        }
        Map<String, Long> top = new LinkedHashMap<>();
        methods.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
            .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
        Map<String, Long> areas = new LinkedHashMap<>();
        byArea.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .forEach(entry -> areas.put(entry.getKey(), entry.getValue()));
        return new Summary(file, samples, extension, areas, top);
    }

    /** The area of the innermost frame that belongs to one; password hashing wins wherever it is on the stack. */
    private static String area(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = name(frame.getMethod());
            if (matches(AREAS.get(0), name)) {
                return AREAS.get(0)[0];
            }
        }
        // A JDK frame (a HashMap, a regex) is charged to the library that called it.
        String[] jdk = AREAS.get(AREAS.size() - 1);
        for (RecordedFrame frame : frames) {
            String name = name(frame.getMethod());
            if (!matches(jdk, name)) {
                return AREAS.stream().filter(area -> matches(area, name)).map(area -> area[0]).findFirst().orElse("other");
            }
        }
        return jdk[0];
    }

    private static boolean matches(String[] area, String name) {
        for (int i = 1; i < area.length; i++) {
            if (name.startsWith(area[i])) {
                return true;
            }
        }
        return false;
    }

    private static String name(RecordedMethod method) {
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    static void print(Summary summary, Variant variant, Stats stats) {
        System.out.println();
        System.out.printf("Profile of variant %s (%s): %d logins, %.1f CPU ms per login, %d CPU samples%n", variant,
            variant.description, stats.logins(), stats.cpuMsPerLogin(), summary.samples());
        System.out.println("Where the samples are (innermost frame outside the JDK):");
        // Per 1,000 logins, so that two variants' profiles compare directly.
        System.out.printf("  %-48s %6s  %7s  %s%n", "", "samples", "share", "per 1,000 logins");
        summary.byArea().forEach((area, n) -> System.out.printf("  %-48s %6d  %5.1f %%  %8.0f%n", area, n,
            100.0 * n / summary.samples(), 1000.0 * n / stats.logins()));
        System.out.printf("Samples with a frame of this extension on the stack: %d (%.1f %%); by method (inclusive):%n",
            summary.extensionOnStack(), 100.0 * summary.extensionOnStack() / summary.samples());
        // Already the top methods, most samples first (summarise).
        summary.extensionMethods().entrySet()
            .forEach(entry -> System.out.printf("  %-80s %6d  %5.1f %%  %8.0f%n", entry.getKey(), entry.getValue(),
                100.0 * entry.getValue() / summary.samples(), 1000.0 * entry.getValue() / stats.logins()));
        System.out.println("Recording: " + summary.file() + " (open with JDK Mission Control or `jfr print`)");
    }
}
