package com.stockcount.platform.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/** Creates the topics a service owns or reads, with their partition count, if they do not exist yet. */
public final class TopicAdmin {

    private static final Logger LOG = Logger.getLogger(TopicAdmin.class);
    /** A broker that is still starting (or a busy machine) must not fail a service's start. */
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private TopicAdmin() {
    }

    public static void ensure(Collection<String> topics, int partitions, short replicationFactor) {
        Map<String, Object> props = KafkaClients.common();
        // a service may shorten client timeouts for its request path; creating topics at start-up waits longer
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (Admin admin = Admin.create(props)) {
            for (String topic : topics) {
                create(admin, new NewTopic(topic, partitions, replicationFactor), deadline);
            }
        }
    }

    private static void create(Admin admin, NewTopic topic, long deadline) {
        while (true) {
            try {
                admin.createTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return;
                }
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                }
                LOG.infof("topic %s not created yet (%s), retrying", topic.name(), e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
            } catch (java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot create topic " + topic.name(), e);
                }
            }
        }
    }
}
