package io.ckafkamigrator.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.ckafkamigrator.MigratorOptions;
import io.ckafkamigrator.config.ApiSecurity;
import io.ckafkamigrator.config.ConfigException;
import io.ckafkamigrator.config.PropertySource;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * deploy/kubernetes and deploy/Dockerfile agree with the app: the ports, probe and scrape paths
 * of its properties, the files it reads where its options point, the state on the claim, the
 * image's user, and the Secrets they name. No cluster and no image build: the pod's volumes are
 * laid out in a folder as the kubelet would ({@link KubeletVolumes}) and the app's own option
 * parsing and Camel's route scan are run over them.
 */
class KubernetesManifestsTest {

    private static final Path REPO_ROUTES = Path.of("routes");
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\{\\{env:([A-Z0-9_]+)");

    private final Manifests manifests = Manifests.load();
    private final YamlNode statefulSet = manifests.only("StatefulSet");
    private final YamlNode pod = statefulSet.at("spec", "template", "spec");
    private final YamlNode container = pod.at("containers").named("migrator");

    @TempDir
    Path root;
    private boolean laidOut;

    @Test
    void shouldRunExactlyOneInstanceAsAStatefulSet() {
        // Given the manifests

        // When
        int replicas = statefulSet.at("spec", "replicas").integer();

        // Then
        assertThat(replicas).isEqualTo(1);
        assertThat(manifests.ofKind("Deployment")).isEmpty();
        assertThat(pod.at("containers").items()).hasSize(1);
    }

    @Test
    void shouldFindEveryRouteFileWhereTheRoutesOptionPointsCamel() throws Exception {
        // Given
        MigratorOptions options = podOptions();

        // When
        Map<String, String> found = new TreeMap<>();
        try (var context = new DefaultCamelContext()) {
            context.build();
            Path routesDir = root.resolve(arg("--routes").substring(1));
            for (Resource resource : PluginHelper.getPackageScanResourceResolver(context)
                    .findResources(options.routesPattern().orElseThrow())) {
                Path file = Path.of(resource.getLocation().substring("file:".length()));
                found.put(routesDir.relativize(file).toString(), Files.readString(file));
            }
        }

        // Then every file of the repository's routes/, with its content, and nothing else
        assertThat(found).isEqualTo(repositoryRoutes());
    }

    @Test
    void shouldExposeThePortsThePropertiesSet() throws IOException {
        // Given
        Properties pod = podProperties();
        Properties shipped = load(Path.of("config", "application.properties"));

        // When
        Map<String, Integer> ports = containerPorts();

        // Then
        assertThat(ports).containsOnly(
                Map.entry("api", Integer.valueOf(pod.getProperty("camel.server.port"))),
                Map.entry("management", Integer.valueOf(pod.getProperty("camel.management.port"))));
        assertThat(ports).containsOnly(
                Map.entry("api", Integer.valueOf(shipped.getProperty("camel.server.port"))),
                Map.entry("management", Integer.valueOf(shipped.getProperty("camel.management.port"))));
        assertThat(manifests.only("Service").at("spec", "ports").items())
                .allSatisfy(port -> assertThat(ports).containsKey(port.at("targetPort").text()));
    }

    @Test
    void shouldProbeTheHealthPathsOfTheManagementPort() throws IOException {
        // Given
        Properties props = podProperties();
        String health = props.getProperty("camel.management.health-path",
                new MainConfigurationProperties().httpManagementServer().getHealthPath());

        // When
        Map<String, String> probes = Stream.of("startupProbe", "readinessProbe", "livenessProbe").collect(
                Collectors.toMap(p -> p, p -> container.at(p, "httpGet", "path").text()));

        // Then readiness may be DOWN for as long as a cluster is unreachable; liveness and the
        // start-up probe look at the CamelContext only, never at a cluster
        assertThat(probes).containsOnly(Map.entry("startupProbe", health + "/live"),
                Map.entry("readinessProbe", health + "/ready"), Map.entry("livenessProbe", health + "/live"));
        assertThat(Stream.of("startupProbe", "readinessProbe", "livenessProbe")
                .map(p -> containerPorts().get(container.at(p, "httpGet", "port").text())))
                .containsOnly(Integer.valueOf(props.getProperty("camel.management.port")));
    }

    @Test
    void shouldScrapeTheMetricsPathThroughTheServicesManagementPort() throws IOException {
        // Given
        String metrics = podProperties().getProperty("camel.metrics.path",
                new MainConfigurationProperties().metrics().getPath());
        YamlNode service = manifests.only("Service");
        YamlNode monitor = manifests.only("ServiceMonitor");

        // When
        YamlNode endpoint = monitor.at("spec", "endpoints").items().get(0);

        // Then
        assertThat(monitor.at("spec", "endpoints").items()).hasSize(1);
        assertThat(endpoint.at("path").text()).isEqualTo(metrics);
        assertThat(service.at("spec", "ports").named(endpoint.at("port").text()).at("targetPort").text())
                .isEqualTo("management");
        assertThat(service.at("metadata", "labels").strings())
                .containsAllEntriesOf(monitor.at("spec", "selector", "matchLabels").strings());
    }

    @Test
    void shouldSelectThePodFromTheServiceTheBudgetAndTheStatefulSet() {
        // Given
        Map<String, String> podLabels = statefulSet.at("spec", "template", "metadata", "labels").strings();

        // When
        List<Map<String, String>> selectors = List.of(
                manifests.only("Service").at("spec", "selector").strings(),
                manifests.only("PodDisruptionBudget").at("spec", "selector", "matchLabels").strings(),
                statefulSet.at("spec", "selector", "matchLabels").strings());

        // Then
        assertThat(selectors).allSatisfy(selector -> assertThat(podLabels).containsAllEntriesOf(selector));
        assertThat(statefulSet.at("spec", "serviceName").text())
                .isEqualTo(manifests.only("Service").at("metadata", "name").text());
    }

    @Test
    void shouldKeepTheStateDirectoryOnTheVolumeClaim() throws IOException {
        // Given
        String claim = statefulSet.at("spec", "volumeClaimTemplates").items().get(0).at("metadata", "name").text();

        // When
        Path stateDir = Path.of(podProperties().getProperty("migration.state-dir"));

        // Then
        assertThat(stateDir.isAbsolute()).as("migration.state-dir %s is absolute", stateDir).isTrue();
        assertThat(stateDir).startsWithRaw(Path.of(container.at("volumeMounts").named(claim).at("mountPath").text()));
        assertThat(pod.at("volumes").items()).noneSatisfy(v -> assertThat(v.at("name").text()).isEqualTo(claim));
    }

    @Test
    void shouldWriteOnlyToVolumesUnderAReadOnlyRootFileSystem() throws IOException {
        // Given the places the app writes: the state directory and java.io.tmpdir (no
        // -Djava.io.tmpdir anywhere, so the JVM's default)
        List<Path> written = List.of(Path.of(podProperties().getProperty("migration.state-dir")), Path.of("/tmp"));

        // When
        List<Path> writableMounts = container.at("volumeMounts").items().stream()
                .filter(m -> !m.find("readOnly").map(YamlNode::text).orElse("false").equals("true"))
                .map(m -> Path.of(m.at("mountPath").text())).toList();

        // Then
        assertThat(container.at("securityContext", "readOnlyRootFilesystem").text()).isEqualTo("true");
        assertThat(String.join(" ", container.at("args").items().stream().map(YamlNode::text).toList())
                + Manifests.read(Dockerfile.FILE)).doesNotContain("java.io.tmpdir");
        assertThat(written).allSatisfy(dir -> assertThat(writableMounts).anySatisfy(m -> assertThat(dir).startsWithRaw(m)));
    }

    @Test
    void shouldRunThePodAsTheImagesUser() {
        // Given
        Dockerfile image = Dockerfile.read();

        // When
        YamlNode security = pod.at("securityContext");

        // Then
        assertThat(security.at("runAsNonRoot").text()).isEqualTo("true");
        assertThat(security.at("runAsUser").integer()).isEqualTo(image.uid()).isNotZero();
        assertThat(security.at("runAsGroup").integer()).isEqualTo(image.gid());
        assertThat(security.at("fsGroup").integer()).isEqualTo(image.gid());
    }

    @Test
    void shouldExposeTheContainerPortsInTheImageAndRunTheJarItCopies() throws IOException {
        // Given
        Dockerfile image = Dockerfile.read();

        // When
        String jar = image.copies().get("target/ckafka-migrator.jar");

        // Then
        assertThat(image.exposed()).containsExactlyInAnyOrderElementsOf(containerPorts().values());
        assertThat(image.entrypoint()).containsExactly("java", "-jar", jar);
        // The embedded default of `docker run` without arguments: config/ and routes/ in the working folder
        assertThat(image.copies()).containsEntry("config/", image.workdir() + "/config")
                .containsEntry("routes/", image.workdir() + "/routes");
        assertThat(Path.of(image.workdir(), "config", "application.properties"))
                .isEqualTo(Path.of(image.workdir()).resolve(MigratorOptions.parse().config()));
    }

    @Test
    void shouldDefineEverySecretKeyThePodReadsInTheExampleSecrets() {
        // Given
        Map<String, Map<String, String>> secrets = manifests.exampleSecrets();

        // When
        List<YamlNode> keyRefs = container.at("env").items().stream()
                .map(env -> env.find("valueFrom").flatMap(v -> v.find("secretKeyRef")))
                .flatMap(Optional::stream).toList();

        // Then
        assertThat(keyRefs).isNotEmpty().allSatisfy(ref -> assertThat(secrets.getOrDefault(ref.at("name").text(), Map.of()))
                .as("Secret %s", ref.at("name").text()).containsKey(ref.at("key").text()));
        assertThat(secrets.values()).allSatisfy(data -> assertThat(data.values())
                .allSatisfy(value -> assertThat(value).containsIgnoringCase("replace")));
    }

    @Test
    void shouldPassEveryPasswordThePropertiesReadFromTheEnvironment() throws IOException {
        // Given
        Properties props = podProperties();
        Set<String> referenced = props.stringPropertyNames().stream()
                .map(props::getProperty).map(ENV_PLACEHOLDER::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).collect(Collectors.toSet());

        // When
        Map<String, YamlNode> env = container.at("env").items().stream()
                .collect(Collectors.toMap(e -> e.at("name").text(), e -> e));

        // Then the container sets no variable the properties do not read, and gives every
        // cluster with SASL the password its properties read
        assertThat(referenced).containsAll(env.keySet());
        for (String cluster : List.of("legacy", "ckafka")) {
            if (props.getProperty(cluster + ".security-protocol").startsWith("SASL")) {
                Matcher password = ENV_PLACEHOLDER.matcher(props.getProperty(cluster + ".sasl-password"));
                assertThat(password.find()).as(cluster + ".sasl-password from the environment").isTrue();
                assertThat(env).as("the pod's environment").containsKey(password.group(1));
                assertThat(env.get(password.group(1)).find("valueFrom").flatMap(v -> v.find("secretKeyRef"))
                        .flatMap(r -> r.find("optional")).map(YamlNode::text)).isNotEqualTo(Optional.of("true"));
            }
        }
    }

    @Test
    void shouldRefuseToStartOnTheExampleUsersFileUntilAUserIsFilledIn() throws IOException {
        // Given the pod's properties, whose users file is the mounted example Secret
        Properties props = podProperties();
        Map<String, String> values = new HashMap<>();
        props.stringPropertyNames().forEach(key -> values.put(key, props.getProperty(key)));
        String usersFile = values.get("camel.server.basic-properties-file");
        values.put("camel.server.basic-properties-file", root.resolve(usersFile.substring(1)).toString());

        // When
        Throwable thrown = catchThrowable(() -> ApiSecurity.from(PropertySource.of(values), false));

        // Then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageContaining("defines no user");
    }

    @Test
    void shouldKeepTheCamelSettingsOfTheShippedProperties() throws IOException {
        // Given
        Properties shipped = load(Path.of("config", "application.properties"));
        Properties pod = podProperties();

        // When
        Map<String, String> differing = new TreeMap<>();
        shipped.stringPropertyNames().stream().filter(key -> key.startsWith("camel.")).forEach(key -> {
            if (!shipped.getProperty(key).equals(pod.getProperty(key))) {
                differing.put(key, pod.getProperty(key));
            }
        });

        // Then only the users file (the Secret's) and the routes (--routes) differ
        assertThat(differing).containsOnlyKeys("camel.server.basic-properties-file", "camel.main.routes-include-pattern");
        assertThat(differing.get("camel.main.routes-include-pattern")).isNull();
    }

    @Test
    void shouldApplyEveryManifestButTheExampleSecrets() {
        // Given
        List<String> listed = manifests.kustomization().at("resources").items().stream().map(YamlNode::text).toList();

        // When
        List<String> files = Manifests.yamlFiles();

        // Then
        assertThat(listed).containsExactlyInAnyOrderElementsOf(files.stream()
                .filter(f -> !f.equals("kustomization.yaml") && !f.equals(Manifests.SECRETS_EXAMPLE)).toList());
    }

    /** The app's options as the pod passes them, over its volumes laid out under {@link #root} (once). */
    private MigratorOptions podOptions() throws IOException {
        if (!laidOut) {
            KubeletVolumes.lay(root, pod, container, manifests.configMaps(), manifests.exampleSecrets());
            laidOut = true;
        }
        String[] args = container.at("args").items().stream().map(YamlNode::text)
                .map(arg -> arg.startsWith("/") ? root.resolve(arg.substring(1)).toString() : arg)
                .toArray(String[]::new);
        return MigratorOptions.parse(args);
    }

    /** The properties file the pod's {@code --config} reads. */
    private Properties podProperties() throws IOException {
        return load(podOptions().config());
    }

    private String arg(String option) {
        List<String> args = container.at("args").items().stream().map(YamlNode::text).toList();
        assertThat(args).contains(option);
        return args.get(args.indexOf(option) + 1);
    }

    private Map<String, Integer> containerPorts() {
        return container.at("ports").items().stream()
                .collect(Collectors.toMap(p -> p.at("name").text(), p -> p.at("containerPort").integer()));
    }

    private static Map<String, String> repositoryRoutes() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(REPO_ROUTES)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(REPO_ROUTES.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    private static Properties load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            props.load(in);
        }
        return props;
    }
}
