package org.staffmfa.keycloak.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Everything measured for one variant over all its slices. */
final class Stats {

    private final List<Double> latenciesMs = new ArrayList<>();
    private int errors;
    private double seconds;
    private double cpuMs;
    private String firstError;

    synchronized void success(double latencyMs) {
        latenciesMs.add(latencyMs);
    }

    synchronized void error(String what) {
        errors++;
        if (firstError == null) {
            firstError = what;
        }
    }

    synchronized void slice(double sliceSeconds, double sliceCpuMs) {
        seconds += sliceSeconds;
        cpuMs += sliceCpuMs;
    }

    synchronized int logins() {
        return latenciesMs.size();
    }

    synchronized int errors() {
        return errors;
    }

    synchronized String firstError() {
        return firstError;
    }

    synchronized double loginsPerSecond() {
        return seconds == 0 ? 0 : latenciesMs.size() / seconds;
    }

    /** Keycloak CPU per successful login; failed logins' CPU is included (they are rare and reported). */
    synchronized double cpuMsPerLogin() {
        return latenciesMs.isEmpty() ? Double.NaN : cpuMs / latenciesMs.size();
    }

    synchronized double percentile(double p) {
        if (latenciesMs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(latenciesMs);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
