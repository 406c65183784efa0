package io.ckafkamigrator.camel;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.ckafkamigrator.config.PropertySource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/** Reads settings through Camel's properties component, so placeholders and overrides apply. */
final class CamelPropertySource implements PropertySource {

    private final CamelContext context;

    CamelPropertySource(CamelContext context) {
        this.context = context;
    }

    @Override
    public Optional<String> get(String key) {
        return context.getPropertiesComponent().resolveProperty(key).filter(v -> !v.isBlank());
    }

    @Override
    public Map<String, String> withPrefix(String prefix) {
        PropertiesComponent pc = context.getPropertiesComponent();
        Map<String, String> result = new TreeMap<>();
        keys(prefix).forEach(name -> result.put(name.substring(prefix.length()), pc.resolveProperty(name).orElse("")));
        return result;
    }

    /** The keys of the properties file and overrides, plus -D system properties (which override them). */
    @Override
    public Set<String> keys(String prefix) {
        Set<String> keys = new TreeSet<>();
        context.getPropertiesComponent().loadPropertiesAsMap(key -> key.startsWith(prefix))
                .keySet().forEach(key -> keys.add(key.toString()));
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(prefix)).forEach(keys::add);
        return keys;
    }
}
