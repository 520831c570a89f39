package com.stockcount.platform.kafka;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The running consumers of a service: closed on shutdown, reported by the readiness check. */
@ApplicationScoped
public class ConsumerWorkers {

    private final List<ConsumerWorker> workers = new CopyOnWriteArrayList<>();

    public ConsumerWorker start(ConsumerWorker worker) {
        workers.add(worker);
        return worker.start();
    }

    public List<ConsumerWorker> all() {
        return List.copyOf(workers);
    }

    public void onStop(@Observes ShutdownEvent event) {
        workers.forEach(ConsumerWorker::close);
        workers.clear();
    }
}
