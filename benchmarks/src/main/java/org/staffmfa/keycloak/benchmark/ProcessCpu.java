package org.staffmfa.keycloak.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time processes have used so far (user + system, added up), read from /proc/<pid>/stat. */
final class ProcessCpu {

    /** USER_HZ: Linux reports CPU times in ticks of 1/100 s on every common architecture. */
    private static final double MILLIS_PER_TICK = 10.0;

    private final List<Path> stats;

    ProcessCpu(List<Long> pids) {
        this.stats = pids.stream().map(pid -> Path.of("/proc", Long.toString(pid), "stat")).toList();
        for (Path stat : stats) {
            if (!Files.isReadable(stat)) {
                throw new IllegalArgumentException("No process to measure (" + stat + " unreadable)");
            }
        }
    }

    double millis() {
        return stats.stream().mapToDouble(ProcessCpu::millis).sum();
    }

    private static double millis(Path stat) {
        try {
            String line = Files.readString(stat);
            // Fields after the command name (which may contain spaces) start after the last ')'.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            long user = Long.parseLong(fields[11]);
            long system = Long.parseLong(fields[12]);
            return (user + system) * MILLIS_PER_TICK;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + stat, e);
        }
    }
}
