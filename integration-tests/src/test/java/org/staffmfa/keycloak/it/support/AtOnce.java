package org.staffmfa.keycloak.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Requests sent at the same instant: each step on a thread of its own, all released together. */
public final class AtOnce {

    private AtOnce() {
    }

    /** Runs the steps together and returns their results in the order given. */
    public static <T> List<T> run(List<Supplier<T>> steps) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(steps.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<T>> results = new ArrayList<>();
            for (Supplier<T> step : steps) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return step.get();
                }, threads));
            }
            start.countDown();
            List<T> done = new ArrayList<>();
            for (CompletableFuture<T> result : results) {
                done.add(result.get());
            }
            return done;
        } finally {
            threads.shutdownNow();
        }
    }
}
