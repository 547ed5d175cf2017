package org.staffmfa.keycloak.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Logs real users in against a running Keycloak with the extension installed, in six variants (see {@link Variant}),
 * interleaved in short slices so that machine noise hits all alike; prints per variant logins/s at saturation
 * (closed model: a fixed number of logins in flight), p50/p95/p99 latency, Keycloak CPU-ms per login and errors, each
 * as a ratio to variant A, and writes the same as JSON. Then the policy-resolution scale check.
 *
 * <p>Driver: the JDK's HttpClient. It follows the login forms like a browser with no further dependency and lets each
 * login own its cookies; Gatling would add a Scala toolchain for a load shape (closed model, six variants) that is a
 * few dozen lines here.
 *
 * <pre>java ... BenchmarkMain --url http://localhost:8180 --pid 1234 [--concurrency 4] [--rounds 5] [--slice 8]
 *     [--variants A,C,D] [--output file.json] [--adoption-users 1000,10000] [--light-hash] [--repeat 3] [--warm-up 4]
 *     [--groups 10000] [--profile C [--profile-seconds 60]] [--sql-log keycloak-sql.log]</pre>
 * {@code --variants …,G}: variant G, C's login for users in 50 of {@code --groups} groups (the gate's cost at scale).
 * {@code --profile V}: V alone under Java Flight Recorder ({@link FlightRecording}); {@code --sql-log}: database
 * statements per login instead of timings ({@link DatabaseOperationCount}; {@code benchmark.sh --db-ops} sets it).
 * {@code --light-hash}: the realm hashes passwords with one round of PBKDF2-SHA256 (argon2 otherwise), so the second
 * factor's own cost shows. {@code --repeat N}: the whole interleaved run N times; the summary gives per variant the
 * median and spread (max − min) across repeats of CPU per login and of the extra CPU per login over A.
 * {@code --adoption-users 0} leaves the adoption view's scale check out.
 * {@code --pid 1234,5678} adds up the CPU of several Keycloak nodes (scripts/cluster-benchmark.sh).
 */
public final class BenchmarkMain {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = options.getOrDefault("url", "http://localhost:8180");
        // Several pids (a,b): the nodes of a cluster, whose CPU is added up.
        List<Long> pids = Arrays.stream(options.get("pid").split(",")).map(String::trim).map(Long::parseLong).toList();
        // --profile V: V alone under Java Flight Recorder; --db-ops: statements per login (needs --sql-log).
        Variant profiled = options.containsKey("profile") ? Variant.valueOf(options.get("profile").toUpperCase(java.util.Locale.ROOT)) : null;
        Path sqlLog = options.containsKey("sql-log") ? Path.of(options.get("sql-log")) : null;
        List<Variant> chosen = profiled != null ? List.of(profiled) : variants(options.getOrDefault("variants", "A,B,C,D,E,F"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "4"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        Duration slice = Duration.ofSeconds(Long.parseLong(options.getOrDefault("slice", "8")));
        int smtpPort = Integer.parseInt(options.getOrDefault("smtp-port", "3125"));
        Path output = Path.of(options.getOrDefault("output", "benchmarks/target/benchmark-results.json"));
        boolean lightHash = Boolean.parseBoolean(options.getOrDefault("light-hash", "false"));
        int repeats = Integer.parseInt(options.getOrDefault("repeat", "1"));
        // Keycloak's JIT keeps warming up for minutes; a longer warm-up keeps that drift out of the repeats.
        long warmUpSeconds = Long.parseLong(options.getOrDefault("warm-up", "4"));

        // Variant G: the realm gets this many groups, each G user is in 50 of them.
        int scaleGroups = Integer.parseInt(options.getOrDefault("groups", "10000"));
        ProcessCpu cpu = new ProcessCpu(pids);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        Map<Variant, Integer> userCounts = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            // TOTP users can log in three times per 30 s (each code once): enough of them for the highest rate (with
            // the light hash, logins are several times faster). Email users as many: real staff get a few codes an
            // hour and are mostly not in Keycloak's user cache when they log in, unlike 20 users logging in all the time.
            int count = variant.usesTotp() || variant == Variant.E ? (lightHash ? 1000 : 150) : Math.max(20, concurrency * 2);
            userCounts.put(variant, chosen.contains(variant) ? count : 0);
        }

        System.out.printf("Staff MFA login benchmark against %s (Keycloak pid %s), %d in flight, %d rounds of %d s per "
                + "variant, %d repeat(s), password hash: %s%s%n",
            url, pids, concurrency, rounds, slice.toSeconds(), repeats, lightHash ? "PBKDF2-SHA256 × 1 (light)" : "argon2 (default)",
            chosen.contains(Variant.G) ? String.format(", realm of %,d groups for G", scaleGroups) : "");
        try (MailSink mail = new MailSink(smtpPort)) {
            BenchRealm realm = new BenchRealm(http, url, options.getOrDefault("admin-user", "admin"),
                options.getOrDefault("admin-password", "admin"));
            System.out.println("Creating realm " + BenchRealm.NAME + " with its users (hashing their passwords takes a while)");
            Map<Variant, List<BenchUser>> users = realm.create(userCounts, smtpPort, lightHash,
                chosen.contains(Variant.G) ? scaleGroups : 0);
            LoginDriver driver = new LoginDriver(http, realm.url(), mail);
            Map<Variant, UserPool> pools = new EnumMap<>(Variant.class);
            chosen.forEach(variant -> pools.put(variant, new UserPool(users.get(variant))));

            if (chosen.contains(Variant.D)) {
                rememberBrowsers(driver, users.get(Variant.D));
            }
            if (sqlLog != null) {
                DatabaseOperationCount counter = new DatabaseOperationCount(sqlLog, driver);
                List<DatabaseOperationCount.Row> rows = new ArrayList<>();
                for (Variant variant : chosen) {
                    rows.add(counter.count(variant, users.get(variant), 40));
                }
                realm.delete();
                DatabaseOperationCount.print(rows);
                writeJson(Map.of("date", Instant.now().toString(), "databaseStatementsPerLogin", rows),
                    Path.of("benchmarks/target/db-operations.json"));
                return;
            }
            System.out.printf("Warming up, %d s per variant (not counted)%n", warmUpSeconds);
            Map<Variant, Stats> warmUp = new EnumMap<>(Variant.class);
            for (Variant variant : chosen) {
                warmUp.put(variant, new Stats());
                realm.logOutEveryone();
                runSlice(driver, variant, pools.get(variant), concurrency, Duration.ofSeconds(warmUpSeconds), cpu,
                    warmUp.get(variant));
            }
            if (profiled != null) {
                profile(profiled, realm, driver, pools.get(profiled), concurrency, cpu, pids.get(0),
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("profile-seconds", "60"))));
                realm.delete();
                return;
            }
            List<Map<Variant, Stats>> runs = new ArrayList<>();
            for (int repeat = 0; repeat < repeats; repeat++) {
                Map<Variant, Stats> stats = new EnumMap<>(Variant.class);
                for (Variant variant : chosen) {
                    stats.put(variant, new Stats());
                }
                for (int round = 0; round < rounds; round++) {
                    System.out.printf("Repeat %d of %d, round %d of %d%n", repeat + 1, repeats, round + 1, rounds);
                    for (int i = 0; i < chosen.size(); i++) {
                        Variant variant = chosen.get((i + round) % chosen.size());
                        realm.logOutEveryone();
                        runSlice(driver, variant, pools.get(variant), concurrency, slice, cpu, stats.get(variant));
                    }
                }
                runs.add(stats);
            }
            realm.delete();
            PolicyScaleCheck.Result scale = PolicyScaleCheck.run();
            SecretCipherCheck.Result sealing = SecretCipherCheck.run();
            int[] adoptionSizes = Arrays.stream(options.getOrDefault("adoption-users", "1000,10000").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).filter(size -> size > 0).toArray();
            List<AdoptionScaleCheck.Row> adoption = adoptionSizes.length == 0 ? List.of()
                : new AdoptionScaleCheck(new AdminCalls(http, url, options.getOrDefault("admin-user", "admin"),
                    options.getOrDefault("admin-password", "admin"))).run(adoptionSizes);
            report(runs, lightHash, scale, sealing, adoption, concurrency, rounds, slice, output);
        }
    }

    /** Variant D's users log in once with TOTP and "remember": their browsers (cookies) are remembered from then on. */
    private static void rememberBrowsers(LoginDriver driver, List<BenchUser> users) throws IOException, InterruptedException {
        for (BenchUser user : users) {
            Map<String, String> cookies = driver.login(Variant.D, user, true);
            user.rememberCookie = cookies.entrySet().stream().filter(c -> c.getKey().startsWith("STAFF_MFA_RB_"))
                .map(c -> c.getKey() + "=" + c.getValue()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No remember cookie for " + user.username));
        }
    }

    /** Runs one variant alone for the given time while Java Flight Recorder records Keycloak. */
    private static void profile(Variant variant, BenchRealm realm, LoginDriver driver, UserPool pool, int concurrency,
                                ProcessCpu cpu, long pid, Duration length) throws IOException, InterruptedException {
        Path file = Path.of("benchmarks/target/profile-" + variant + ".jfr").toAbsolutePath();
        Files.createDirectories(file.getParent());
        FlightRecording recording = new FlightRecording(pid);
        Stats stats = new Stats();
        System.out.printf("Recording variant %s alone for %d s%n", variant, length.toSeconds());
        recording.start(file);
        // In 10-second pieces, ending the sessions in between as the benchmark does between its slices.
        for (long done = 0; done < length.toSeconds(); done += 10) {
            realm.logOutEveryone();
            runSlice(driver, variant, pool, concurrency, Duration.ofSeconds(Math.min(10, length.toSeconds() - done)), cpu, stats);
        }
        recording.stop();
        FlightRecording.print(FlightRecording.summarise(file), variant, stats);
    }

    private static void writeJson(Object json, Path output) throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.toFile(), json);
        System.out.println("Written to " + output);
    }

    private static void runSlice(LoginDriver driver, Variant variant, UserPool pool, int concurrency, Duration slice,
                                 ProcessCpu cpu, Stats stats) throws InterruptedException {
        double cpuBefore = cpu.millis();
        long start = System.nanoTime();
        long end = start + slice.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    BenchUser user;
                    try {
                        user = pool.borrow();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long loginStart = System.nanoTime();
                    try {
                        driver.login(variant, user, false);
                        stats.success((System.nanoTime() - loginStart) / 1e6);
                    } catch (IOException | RuntimeException e) {
                        stats.error(e.getMessage());
                    } catch (InterruptedException e) {
                        return;
                    } finally {
                        pool.giveBack(user);
                    }
                }
            }, "bench-" + variant + "-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        stats.slice((System.nanoTime() - start) / 1e9, cpu.millis() - cpuBefore);
    }

    private static void report(List<Map<Variant, Stats>> runs, boolean lightHash, PolicyScaleCheck.Result scale,
                               SecretCipherCheck.Result sealing, List<AdoptionScaleCheck.Row> adoption,
                               int concurrency, int rounds, Duration slice, Path output) throws IOException {
        List<Map<String, Object>> repeatsJson = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            System.out.println();
            System.out.printf("Repeat %d of %d%n", i + 1, runs.size());
            repeatsJson.add(table(runs.get(i)));
        }
        Map<String, Object> summary = summary(runs);
        System.out.println();
        System.out.printf("Policy resolution: user in %d groups of a %,d-group realm nested %d deep: %.2f µs; "
                + "user in 1 group: %.2f µs%n", scale.memberships(), scale.groups(), scale.depth(),
            scale.microsManyGroups(), scale.microsOneGroup());
        System.out.printf("Sealed secrets (AES-256-GCM): opening one app secret %.2f µs, sealing one %.2f µs%n",
            sealing.microsToOpen(), sealing.microsToSeal());
        adoption.forEach(row -> System.out.printf("Adoption view, %,d users: overview %.0f ms, a page of 50 %.0f ms, "
            + "CSV of all %.0f ms, one user's status %.0f ms (median of 5)%n", row.users(), row.overviewMs(), row.pageMs(),
            row.csvMs(), row.userStatusMs()));
        System.out.println("Goals: policy resolution < 1 ms; adoption view of 10,000 users < 2 s; opening a sealed secret "
            + "< 0.1 ms; login CPU (medians of extra CPU over A):");
        goals(summary, lightHash).forEach(line -> System.out.println("  " + line));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", Instant.now().toString());
        json.put("machine", machine());
        json.put("concurrency", concurrency);
        json.put("rounds", rounds);
        json.put("sliceSeconds", slice.toSeconds());
        json.put("passwordHash", lightHash ? "pbkdf2-sha256 x1 (light)" : "argon2 (default)");
        json.put("repeats", repeatsJson);
        json.put("summary", summary);
        json.put("policyResolution", scale);
        json.put("sealedSecrets", sealing);
        json.put("adoptionView", adoption);
        writeJson(json, output);
    }

    /** One repeat's table: per variant its figures, ratios to A and extra CPU per login over A. */
    private static Map<String, Object> table(Map<Variant, Stats> stats) {
        Stats a = stats.get(Variant.A);
        System.out.printf("%-3s %-44s %8s %7s %8s %8s %8s %9s %9s %7s   %s%n", "", "variant", "logins", "errors",
            "login/s", "p50 ms", "p95 ms", "CPU ms/l", "+CPU ms", "p99 ms", "ratio to A: login/s, p50, p95, CPU/login");
        Map<String, Object> variants = new LinkedHashMap<>();
        for (Variant variant : stats.keySet()) {
            Stats s = stats.get(variant);
            double extra = s.cpuMsPerLogin() - a.cpuMsPerLogin();
            System.out.printf("%-3s %-44s %8d %7d %8.2f %8.1f %8.1f %9.1f %9.2f %7.1f   %.2f, %.2f, %.2f, %.2f%n",
                variant, variant.description, s.logins(), s.errors(), s.loginsPerSecond(), s.percentile(50),
                s.percentile(95), s.cpuMsPerLogin(), extra, s.percentile(99),
                s.loginsPerSecond() / a.loginsPerSecond(), s.percentile(50) / a.percentile(50),
                s.percentile(95) / a.percentile(95), s.cpuMsPerLogin() / a.cpuMsPerLogin());
            if (s.firstError() != null) {
                System.out.println("      first error: " + s.firstError());
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("description", variant.description);
            figures.put("logins", s.logins());
            figures.put("errors", s.errors());
            figures.put("loginsPerSecond", s.loginsPerSecond());
            figures.put("p50Ms", s.percentile(50));
            figures.put("p95Ms", s.percentile(95));
            figures.put("p99Ms", s.percentile(99));
            figures.put("cpuMsPerLogin", s.cpuMsPerLogin());
            figures.put("extraCpuMsOverA", extra);
            figures.put("ratioToA", Map.of("loginsPerSecond", s.loginsPerSecond() / a.loginsPerSecond(),
                "p50", s.percentile(50) / a.percentile(50), "p95", s.percentile(95) / a.percentile(95),
                "p99", s.percentile(99) / a.percentile(99), "cpuMsPerLogin", s.cpuMsPerLogin() / a.cpuMsPerLogin()));
            variants.put(variant.name(), figures);
        }
        return variants;
    }

    /** Across repeats: median and spread (max − min) of CPU per login and of the extra over A, per variant. */
    private static Map<String, Object> summary(List<Map<Variant, Stats>> runs) {
        System.out.println();
        System.out.printf("Summary over %d repeat(s): median [spread]%n", runs.size());
        System.out.printf("%-3s %-44s %18s %18s %10s%n", "", "variant", "CPU ms/login", "+CPU ms over A", "CPU / A");
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Variant variant : runs.get(0).keySet()) {
            List<Double> cpu = runs.stream().map(run -> run.get(variant).cpuMsPerLogin()).sorted().toList();
            List<Double> extra = runs.stream()
                .map(run -> run.get(variant).cpuMsPerLogin() - run.get(Variant.A).cpuMsPerLogin()).sorted().toList();
            List<Double> ratio = runs.stream()
                .map(run -> run.get(variant).cpuMsPerLogin() / run.get(Variant.A).cpuMsPerLogin()).sorted().toList();
            System.out.printf("%-3s %-44s %9.1f [%5.1f] %9.2f [%5.2f] %10.3f%n", variant, variant.description,
                median(cpu), spread(cpu), median(extra), spread(extra), median(ratio));
            summary.put(variant.name(), Map.of("cpuMsPerLoginMedian", median(cpu), "cpuMsPerLoginSpread", spread(cpu),
                "extraCpuMsOverAMedian", median(extra), "extraCpuMsOverASpread", spread(extra),
                "cpuRatioToAMedian", median(ratio)));
        }
        return summary;
    }

    /**
     * Issue 20's login goals against this run's medians: with the light hash (C − A) ≤ 0.8 × (B − A), D − A ≤ 1 ms,
     * F − A ≤ 0.5 ms, E − A ≤ 1.5 × (B − A); with argon2 C ≤ B. A goal whose variants did not run is left out.
     */
    private static List<String> goals(Map<String, Object> summary, boolean lightHash) {
        Map<String, Double> extra = new HashMap<>();
        summary.forEach((variant, figures) -> extra.put(variant,
            (Double) ((Map<?, ?>) figures).get("extraCpuMsOverAMedian")));
        List<String> lines = new ArrayList<>();
        if (!lightHash) {
            if (extra.containsKey("B") && extra.containsKey("C")) {
                lines.add(goal("C ≤ B", extra.get("C"), extra.get("B")));
            }
            return lines;
        }
        if (extra.containsKey("B") && extra.containsKey("C")) {
            lines.add(goal("C − A ≤ 0.8 × (B − A)", extra.get("C"), 0.8 * extra.get("B")));
        }
        if (extra.containsKey("D")) {
            lines.add(goal("D − A ≤ 1 ms", extra.get("D"), 1.0));
        }
        if (extra.containsKey("F")) {
            lines.add(goal("F − A ≤ 0.5 ms", extra.get("F"), 0.5));
        }
        if (extra.containsKey("B") && extra.containsKey("E")) {
            lines.add(goal("E − A ≤ 1.5 × (B − A)", extra.get("E"), 1.5 * extra.get("B")));
        }
        return lines;
    }

    private static String goal(String name, double value, double limit) {
        return String.format("%-24s %7.2f ms against %7.2f ms: %s", name, value, limit, value <= limit ? "met" : "NOT met");
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double spread(List<Double> sorted) {
        return sorted.get(sorted.size() - 1) - sorted.get(0);
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        try {
            machine.put("host", InetAddress.getLocalHost().getHostName());
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().ifPresent(line -> machine.put("cpu", line.substring(line.indexOf(':') + 1).trim()));
        } catch (IOException e) {
            machine.put("cpu", "unknown");
        }
        return machine;
    }

    /** The variants to run, e.g. {@code A,C,D}; A is always among them, since every ratio is to A. */
    private static List<Variant> variants(String list) {
        Set<Variant> chosen = EnumSet.of(Variant.A);
        for (String name : list.split(",")) {
            chosen.add(Variant.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        return List.copyOf(chosen);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --option [value], got " + args[i]);
            }
            // A flag without a value (--light-hash) means true.
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            options.put(args[i].substring(2), flag ? "true" : args[++i]);
        }
        if (!options.containsKey("pid")) {
            throw new IllegalArgumentException("--pid <Keycloak's process id> is required (CPU is read from /proc/<pid>/stat)");
        }
        return options;
    }
}
