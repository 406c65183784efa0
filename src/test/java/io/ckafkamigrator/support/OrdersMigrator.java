package io.ckafkamigrator.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link MigratorExtension} for the migrator running the shipped {@code orders} topic, fresh
 * for each test: on a {@link RunningMigrator} field or parameter the app, on an {@link HttpSink}
 * one the sink it delivers to. Both belong to the same {@link OrdersApp}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface OrdersMigrator {
}
