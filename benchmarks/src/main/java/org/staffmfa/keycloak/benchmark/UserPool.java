package org.staffmfa.keycloak.benchmark;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** The users of one variant; each is lent to one login at a time, so no two logins race on a user's codes. */
final class UserPool {

    private final BlockingQueue<BenchUser> idle;

    UserPool(List<BenchUser> users) {
        this.idle = new ArrayBlockingQueue<>(users.size(), true, users);
    }

    BenchUser borrow() throws InterruptedException {
        BenchUser user = idle.poll(60, TimeUnit.SECONDS);
        if (user == null) {
            throw new IllegalStateException("No idle user for 60 s");
        }
        return user;
    }

    void giveBack(BenchUser user) {
        idle.add(user);
    }
}
