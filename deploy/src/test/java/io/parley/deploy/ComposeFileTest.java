package io.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/docker-compose.yml, read with its anchors and merge keys resolved as Compose does, held against the code:
 * one service per module with its port, health path, image and required settings, the topics as {@code Topics} has
 * them, and Prometheus and Grafana wired to the dashboards.
 */
class ComposeFileTest {

    private static final Path COMPOSE_DIRECTORY = Repository.DEPLOY;
    private static final Map<String, Object> COMPOSE = new Yaml().load(
            Repository.read(COMPOSE_DIRECTORY.resolve("docker-compose.yml")));
    private static final List<ServiceModule> SERVICES = Repository.services();
    private static final Pattern CREATE = Pattern.compile("(?m)^create (\\S+) (\\d+) (\\S+)$");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("(?m)^([A-Z_]+)=(\\S+)$");

    @Test
    void kafka_postgres_prometheus_grafana_and_every_service_are_there() {
        assertThat(services().keySet()).contains("kafka", "kafka-topics", "postgres", "prometheus", "grafana")
                .containsAll(SERVICES.stream().map(ServiceModule::name).toList());
        assertThat(service("kafka").get("image")).isEqualTo("apache/kafka:" + Repository.parentProperty("kafka.version"));
        Map<String, Object> kafka = environment("kafka");
        assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false");
    }

    @Test
    void every_service_starts_after_its_topics_and_database_on_its_port_with_its_settings() {
        for (ServiceModule module : SERVICES) {
            String name = module.name();
            Map<String, Object> service = service(name);
            assertThat(service.get("image")).isEqualTo(Images.of(module));
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(COMPOSE_DIRECTORY.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
                    .isRegularFile();
            assertThat(build.get("args")).isEqualTo(Map.of("SERVICE", name));

            @SuppressWarnings("unchecked")
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
            assertThat(dependsOn).containsEntry("kafka-topics", Map.of("condition", "service_completed_successfully"))
                    .containsEntry("postgres", Map.of("condition", "service_healthy"));

            int port = module.httpPort();
            assertThat(service.get("ports")).isEqualTo(List.of(port + ":" + port));
            assertThat(String.join(" ", healthcheck(name))).contains("http://localhost:" + port + "/q/health/ready");

            Set<String> environment = environment(name).keySet();
            assertThat(module.requiredSettings()).as(name).allSatisfy(setting -> assertThat(setting.suppliedBy(environment))
                    .as(name + ": " + setting.key()).isTrue());
            if (module.verifiesTokens()) {
                String keyFile = (String) environment(name).get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
                assertThat(volumes(name)).anySatisfy(volume -> assertThat(volume).endsWith(":" + keyFile + ":ro"));
            }
        }
    }

    @Test
    void the_topics_script_creates_what_the_kubernetes_topics_declare_with_the_settings_of_topics() {
        String script = Repository.read(COMPOSE_DIRECTORY.resolve("compose/create-topics.sh"));
        Map<String, String> variables = new TreeMap<>();
        Matcher variable = SHELL_VARIABLE.matcher(script);
        while (variable.find()) {
            variables.put(variable.group(1), variable.group(2));
        }
        Map<String, TopicCheck.Declared> declared = new TreeMap<>();
        Matcher create = CREATE.matcher(script);
        while (create.find()) {
            String settings = create.group(3).startsWith("$") ? variables.get(create.group(3).substring(1))
                    : create.group(3);
            Map<String, String> config = new TreeMap<>();
            for (String setting : settings.split(",")) {
                config.put(setting.split("=", 2)[0], setting.split("=", 2)[1]);
            }
            declared.put(create.group(1), new TopicCheck.Declared(Integer.parseInt(create.group(2)), 1, config));
        }

        assertThat(TopicCheck.problems(TopicCheck.requiredBy(SERVICES), declared, 1)).isEmpty();
        assertThat(declared.keySet()).isEqualTo(kubernetesTopics());
        @SuppressWarnings("unchecked")
        List<String> entrypoint = (List<String>) service("kafka-topics").get("entrypoint");
        assertThat(volumes("kafka-topics")).contains("./compose/create-topics.sh:" + entrypoint.get(1) + ":ro");
    }

    @Test
    void prometheus_scrapes_analytics_and_services_with_metrics_and_grafana_loads_the_dashboards_from_it() {
        Map<String, Object> prometheus = new Yaml().load(Repository.read(COMPOSE_DIRECTORY.resolve("compose/prometheus.yml")));
        String configuration = prometheus.toString();
        assertThat(configuration).contains("metrics_path=/q/metrics");
        for (ServiceModule module : SERVICES) {
            String target = module.name() + ":" + module.httpPort();
            if (configuration.contains(target)) {
                assertThat(module.exposesMetrics()).as(target + " is scraped but has no /q/metrics").isTrue();
            }
        }
        assertThat(configuration).contains("analytics-service:8085");
        assertThat(volumes("prometheus")).contains("./compose/prometheus.yml:/etc/prometheus/prometheus.yml:ro");

        List<String> grafana = volumes("grafana");
        assertThat(grafana).contains("./grafana/provisioning.yaml:/etc/grafana/provisioning/dashboards/parley.yaml:ro",
                "./grafana/dashboards:/var/lib/grafana/dashboards/parley:ro");
        assertThat(Repository.read(COMPOSE_DIRECTORY.resolve("grafana/provisioning.yaml")))
                .contains("path: /var/lib/grafana/dashboards/parley");
        assertThat(Repository.read(COMPOSE_DIRECTORY.resolve("compose/grafana-datasource.yaml")))
                .contains("uid: prometheus", "url: http://prometheus:9090");
        grafana.stream().map(volume -> volume.split(":")[0]).filter(source -> source.startsWith("./"))
                .forEach(source -> assertThat(COMPOSE_DIRECTORY.resolve(source)).exists());
    }

    private static Set<String> kubernetesTopics() {
        Set<String> names = new java.util.TreeSet<>();
        Manifests.under(Repository.KUBERNETES.resolve("base/kafka"))
                .of(io.strimzi.api.kafka.model.topic.KafkaTopic.class)
                .forEach(topic -> names.add(topic.getMetadata().getName()));
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() {
        return (Map<String, Object>) COMPOSE.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        Map<String, Object> service = (Map<String, Object>) services().get(name);
        assertThat(service).as("compose service " + name).isNotNull();
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String name) {
        Map<String, Object> environment = (Map<String, Object>) service(name).get("environment");
        return environment.entrySet().stream().collect(TreeMap::new,
                (map, entry) -> map.put(entry.getKey(), String.valueOf(entry.getValue())), Map::putAll);
    }

    @SuppressWarnings("unchecked")
    private static List<String> volumes(String name) {
        return (List<String>) service(name).getOrDefault("volumes", List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthcheck(String name) {
        return (List<String>) ((Map<String, Object>) service(name).get("healthcheck")).get("test");
    }
}
