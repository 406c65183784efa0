package io.ckafkamigrator.support;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Gives an integration test what it declares, in instance fields or in parameters of test,
 * {@code @BeforeEach} and {@code @BeforeAll} methods:
 * <ol>
 *   <li>{@code @Name("legacy")} or {@code @Name("ckafka")} {@link KafkaTestCluster}: that cluster
 *   of the pair shared by every test of the JVM ({@link TwoClusters#shared()}); a test recreates
 *   the topics it uses.</li>
 *   <li>{@code @OrdersMigrator} {@link RunningMigrator} or {@link HttpSink}: the app running the
 *   shipped {@code orders} topic and its sink ({@link OrdersApp}), started before each test that
 *   declares either, with the test's {@link MigratorProperty} properties, and closed after it.</li>
 * </ol>
 */
public final class MigratorExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MigratorExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        Object test = context.getRequiredTestInstance();
        for (Field field : declaredFields(context.getRequiredTestClass())) {
            field.setAccessible(true);
            field.set(test, resolve(field, field.getType(), context));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        OrdersApp orders = context.getStore(NAMESPACE).remove(OrdersApp.class, OrdersApp.class);
        if (orders != null) {
            orders.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(Name.class) || parameter.isAnnotated(OrdersMigrator.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return resolve(parameter.getParameter(), parameter.getParameter().getType(), context);
        } catch (ExtensionConfigurationException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    /** The instance fields the test declares with {@link Name} or {@link OrdersMigrator}. */
    private static List<Field> declaredFields(Class<?> testClass) {
        List<Field> fields = new ArrayList<>(AnnotationSupport.findAnnotatedFields(testClass, Name.class));
        fields.addAll(AnnotationSupport.findAnnotatedFields(testClass, OrdersMigrator.class));
        for (Field field : fields) {
            if (Modifier.isStatic(field.getModifiers())) {
                throw new ExtensionConfigurationException("static field " + field + " is not injected; "
                        + "declare it as a parameter of a @BeforeAll method instead");
            }
        }
        return fields;
    }

    private static Object resolve(AnnotatedElement declaration, Class<?> type, ExtensionContext context) {
        Name name = declaration.getAnnotation(Name.class);
        if (name != null) {
            if (type != KafkaTestCluster.class) {
                throw new ExtensionConfigurationException("@Name goes on a KafkaTestCluster, not on " + declaration);
            }
            return TwoClusters.shared().named(name.value());
        }
        if (type == RunningMigrator.class) {
            return orders(context).app();
        }
        if (type == HttpSink.class) {
            return orders(context).sink();
        }
        throw new ExtensionConfigurationException("@OrdersMigrator goes on a RunningMigrator or an HttpSink, not on "
                + declaration);
    }

    /** The test's one orders app, started the first time a declaration of the test asks for it. */
    private static OrdersApp orders(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ExtensionConfigurationException("the orders migrator lives for one test; "
                    + "ask for it in a test, a @BeforeEach method or an instance field");
        }
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(OrdersApp.class,
                key -> OrdersApp.start(TwoClusters.shared(), properties(context)), OrdersApp.class);
    }

    /** The class's {@link MigratorProperty} values, then the method's, which win. */
    private static Map<String, String> properties(ExtensionContext context) {
        Map<String, String> properties = new LinkedHashMap<>();
        AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestClass(), MigratorProperty.class)
                .forEach(p -> properties.put(p.name(), p.value()));
        AnnotationSupport.findRepeatableAnnotations(context.getRequiredTestMethod(), MigratorProperty.class)
                .forEach(p -> properties.put(p.name(), p.value()));
        return properties;
    }
}
