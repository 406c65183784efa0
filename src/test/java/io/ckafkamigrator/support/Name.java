package io.ckafkamigrator.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which cluster of the shared pair a {@link KafkaTestCluster} field or parameter gets from
 * {@link MigratorExtension}: {@code legacy} or {@code ckafka}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Name {

    String value();
}
