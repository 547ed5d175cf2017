package org.staffmfa.keycloak.benchmark;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Database statements per login, per variant: Keycloak runs with Hibernate's statement log ({@code org.hibernate.SQL}
 * at debug, see {@code benchmark.sh --db-ops}); logins go one at a time, and the statements the log gained in between
 * are counted by kind (select, insert, update, delete) and, for writes, by table. One at a time, so that no other
 * variant's statements fall in between; Keycloak's background jobs are the only noise (its hourly/15-minute tasks).
 */
final class DatabaseOperationCount {

    private static final String SQL_LOGGER = "[org.hibernate.SQL]";
    /** The statement's kind and its (first) table. */
    private static final Pattern TABLE = Pattern.compile("^(?:(insert) into|(update)|(delete) from|(select) .*? from)\\s+(\\w+)",
        Pattern.CASE_INSENSITIVE);

    /** Statements of one variant's logins, divided by the logins. */
    record Row(Variant variant, int logins, double selects, double inserts, double updates, double deletes,
               Map<String, Double> byTable) {

        double writes() {
            return inserts + updates + deletes;
        }
    }

    private final Path log;
    private final LoginDriver driver;

    DatabaseOperationCount(Path log, LoginDriver driver) {
        this.log = log;
        this.driver = driver;
    }

    Row count(Variant variant, List<BenchUser> users, int logins) throws IOException, InterruptedException {
        UserPool pool = new UserPool(users);
        // A few logins first: Keycloak's caches (realm, clients, users) fill on the first ones.
        for (int i = 0; i < 5; i++) {
            login(variant, pool);
        }
        long from = length();
        for (int i = 0; i < logins; i++) {
            login(variant, pool);
        }
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, Integer> tables = new TreeMap<>();
        for (String statement : statementsSince(from)) {
            String kind = statement.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            kinds.merge(kind, 1, Integer::sum);
            Matcher table = TABLE.matcher(statement);
            if (table.find()) {
                String verb = table.group(1) != null ? table.group(1) : table.group(2) != null ? table.group(2)
                    : table.group(3) != null ? table.group(3) : table.group(4);
                tables.merge(verb.toLowerCase(Locale.ROOT) + " " + table.group(5).toUpperCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        Map<String, Double> byTable = new LinkedHashMap<>();
        tables.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .forEach(entry -> byTable.put(entry.getKey(), (double) entry.getValue() / logins));
        return new Row(variant, logins, per(kinds, "select", logins), per(kinds, "insert", logins),
            per(kinds, "update", logins), per(kinds, "delete", logins), byTable);
    }

    private void login(Variant variant, UserPool pool) throws IOException, InterruptedException {
        BenchUser user = pool.borrow();
        try {
            driver.login(variant, user, false);
        } finally {
            pool.giveBack(user);
        }
    }

    private static double per(Map<String, Integer> kinds, String kind, int logins) {
        return (double) kinds.getOrDefault(kind, 0) / logins;
    }

    private long length() throws IOException {
        // Only Keycloak's file handler writes the log, and it flushes after every record.
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            return file.length();
        }
    }

    /** The statements logged after {@code from}; a record's message is on its first line after the logger's name. */
    private List<String> statementsSince(long from) throws IOException {
        byte[] bytes;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            bytes = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(bytes);
        }
        return new String(bytes, StandardCharsets.UTF_8).lines()
            .filter(line -> line.contains(SQL_LOGGER))
            .map(line -> line.substring(line.indexOf(')', line.indexOf(SQL_LOGGER) + SQL_LOGGER.length()) + 1).trim())
            .toList();
    }

    static void print(List<Row> rows) {
        System.out.println();
        System.out.println("Database statements per login (Hibernate's statement log, logins one at a time)");
        System.out.printf("%-3s %-44s %7s %8s %8s %8s %8s %8s%n", "", "variant", "logins", "select", "insert",
            "update", "delete", "writes");
        for (Row row : rows) {
            System.out.printf("%-3s %-44s %7d %8.1f %8.1f %8.1f %8.1f %8.1f%n", row.variant(), row.variant().description,
                row.logins(), row.selects(), row.inserts(), row.updates(), row.deletes(), row.writes());
            row.byTable().forEach((table, n) -> System.out.printf("      %-40s %6.2f per login%n", table, n));
        }
    }
}
