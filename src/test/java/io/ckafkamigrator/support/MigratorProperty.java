package io.ckafkamigrator.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A property the {@link OrdersMigrator} starts with on top of the fixture's, declared on the test
 * class (every test) or on a test method (that test; it wins over the class).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(MigratorProperty.List.class)
public @interface MigratorProperty {

    String name();

    String value();

    /** The container of repeated {@link MigratorProperty} annotations. */
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {

        MigratorProperty[] value();
    }
}
