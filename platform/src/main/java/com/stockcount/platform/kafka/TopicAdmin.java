package com.stockcount.platform.kafka;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics a service owns or reads, with their partition count, if they do not exist yet. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    public static void ensure(Collection<String> topics, int partitions, short replicationFactor) {
        try (Admin admin = Admin.create(KafkaClients.common())) {
            List<NewTopic> wanted = topics.stream().map(t -> new NewTopic(t, partitions, replicationFactor)).toList();
            admin.createTopics(wanted).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + name, e);
                }
            });
        }
    }
}
