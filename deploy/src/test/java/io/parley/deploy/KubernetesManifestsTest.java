package io.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.parley.events.Topics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes, parsed with the typed Kubernetes and Strimzi models and held against the code: the topics, the
 * services' ports, health paths and required settings, the consumer groups KEDA watches, metrics and images.
 */
class KubernetesManifestsTest {

    private static final Path BASE = Repository.KUBERNETES.resolve("base");
    private static final Manifests MANIFESTS = Manifests.under(BASE);
    private static final Manifests SECRET_TEMPLATES = Manifests.under(Repository.KUBERNETES.resolve("secrets"));
    private static final List<ServiceModule> SERVICES = Repository.services();

    @Test
    void the_services_are_the_parent_poms_service_modules() {
        assertThat(SERVICES).extracting(ServiceModule::name)
                .containsExactly("ingest-service", "bot-service", "routing-service", "ticket-service",
                        "analytics-service");
    }

    @Test
    void every_manifest_of_every_directory_reads_into_its_typed_model() {
        assertThat(MANIFESTS.all()).hasSizeGreaterThan(30);
        assertThat(Manifests.under(Repository.KUBERNETES.resolve("overlays")).all()).isNotEmpty();
        assertThat(SECRET_TEMPLATES.of(Secret.class)).extracting(secret -> secret.getMetadata().getName())
                .containsExactlyInAnyOrder("parley-secrets", "parley-jwt");
    }

    @Test
    void kafka_is_three_kraft_nodes_that_acknowledge_on_two_replicas_and_never_elect_an_unclean_leader() {
        Kafka kafka = MANIFESTS.of(Kafka.class).get(0);
        assertThat(MANIFESTS.of(Kafka.class)).hasSize(1);
        assertThat(kafka.getSpec().getKafka().getVersion()).isEqualTo(Repository.parentProperty("kafka.version"));
        assertThat(kafka.getSpec().getKafka().getConfig())
                .containsEntry("default.replication.factor", 3)
                .containsEntry("min.insync.replicas", 2)
                .containsEntry("unclean.leader.election.enable", false)
                .containsEntry("offsets.topic.replication.factor", 3)
                .containsEntry("transaction.state.log.min.isr", 2);
        assertThat(kafka.getSpec().getKafka().getListeners()).anySatisfy(listener -> {
            assertThat(listener.getPort()).isEqualTo(9092);
            assertThat(listener.isTls()).isFalse();
        });

        List<KafkaNodePool> pools = MANIFESTS.of(KafkaNodePool.class);
        assertThat(pools).allSatisfy(pool -> assertThat(pool.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", kafka.getMetadata().getName()));
        assertThat(pools.stream().filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
                .mapToInt(pool -> pool.getSpec().getReplicas()).sum()).isEqualTo(3);
        assertThat(pools.stream().filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.CONTROLLER))
                .mapToInt(pool -> pool.getSpec().getReplicas()).sum()).isEqualTo(3);
        // The services' bootstrap address is the cluster's plain listener.
        assertThat(commonSettings()).containsEntry("KAFKA_BOOTSTRAP_SERVERS",
                kafka.getMetadata().getName() + "-kafka-bootstrap:9092");
    }

    @Test
    void every_topic_the_code_uses_is_a_kafka_topic_with_the_partitions_and_retention_of_topics() {
        Map<String, TopicCheck.Declared> declared = new TreeMap<>();
        for (KafkaTopic topic : MANIFESTS.of(KafkaTopic.class)) {
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "parley");
            declared.put(topicName(topic), new TopicCheck.Declared(topic.getSpec().getPartitions(),
                    topic.getSpec().getReplicas(), strings(topic.getSpec().getConfig())));
        }

        assertThat(TopicCheck.problems(TopicCheck.requiredBy(SERVICES), declared, 3)).isEmpty();
        assertThat(declared).containsKeys(Topics.WORKSPACE_EVENTS, Topics.ANALYTICS_SNAPSHOTS,
                Topics.deadLetter(Topics.CONVERSATION_EVENTS, "bot"));
    }

    @Test
    void the_topic_check_reports_a_topic_missing_from_a_list_and_settings_unlike_topics() {
        Map<String, TopicCheck.Declared> incomplete = Map.of(
                Topics.CONVERSATION_EVENTS, new TopicCheck.Declared(3, 3,
                        Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")),
                Topics.ANALYTICS_SNAPSHOTS, new TopicCheck.Declared(Topics.partitions(Topics.ANALYTICS_SNAPSHOTS), 1,
                        Map.of("cleanup.policy", "compact")));

        List<String> problems = TopicCheck.problems(
                Set.of(Topics.CONVERSATION_EVENTS, Topics.ANALYTICS_SNAPSHOTS, Topics.WORKSPACE_EVENTS), incomplete, 3);

        assertThat(problems).containsExactlyInAnyOrder(
                "workspace-events: used by the code but not declared",
                "conversation-events: 3 partitions, Topics.partitions says 12",
                "analytics-snapshots: replication 1, expected 3",
                "analytics-snapshots: cleanup.policy=compact, Topics.creationConfig says delete");
    }

    @Test
    void the_code_names_its_dead_letter_topics_and_its_own_topics() {
        Map<String, Set<String>> topics = SERVICES.stream()
                .collect(Collectors.toMap(ServiceModule::name, ServiceModule::topics));

        assertThat(topics.get("bot-service")).contains("bot-tenant-changes", "conversation-events.dlq.bot");
    }

    @Test
    void every_service_runs_on_its_port_with_probes_on_its_health_paths_resources_and_a_disruption_budget() {
        for (ServiceModule service : SERVICES) {
            Deployment deployment = MANIFESTS.named(Deployment.class, service.name()).orElseThrow(
                    () -> new AssertionError("No Deployment " + service.name() + " under " + BASE));
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(deployment.getSpec().getReplicas()).as(service.name()).isGreaterThanOrEqualTo(2);
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
                    .isZero();

            Container container = onlyContainer(deployment);
            assertThat(container.getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getContainerPort()).as(service.name() + "'s quarkus.http.port")
                        .isEqualTo(service.httpPort());
            });
            assertThat(service.servesHealthAtDefaultPaths()).as(service.name() + " serves /q/health").isTrue();
            assertProbe(container.getStartupProbe(), "/q/health/live");
            assertProbe(container.getLivenessProbe(), "/q/health/live");
            assertProbe(container.getReadinessProbe(), "/q/health/ready");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");

            Service kubernetesService = MANIFESTS.named(Service.class, service.name()).orElseThrow();
            assertThat(podLabels).containsAllEntriesOf(kubernetesService.getSpec().getSelector());
            ServicePort servicePort = kubernetesService.getSpec().getPorts().get(0);
            assertThat(servicePort.getPort()).isEqualTo(service.httpPort());
            assertThat(servicePort.getTargetPort().getStrVal()).isEqualTo("http");

            PodDisruptionBudget budget = MANIFESTS.named(PodDisruptionBudget.class, service.name()).orElseThrow();
            assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
            assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        }
    }

    @Test
    void every_setting_a_service_requires_in_production_is_set_and_every_secret_key_has_a_template() {
        for (ServiceModule service : SERVICES) {
            Deployment deployment = MANIFESTS.named(Deployment.class, service.name()).orElseThrow();
            Set<String> environment = environment(onlyContainer(deployment));
            assertThat(service.requiredSettings()).as(service.name() + " needs these; set them in its ConfigMap or env")
                    .allSatisfy(setting -> assertThat(setting.suppliedBy(environment))
                            .as(setting.key() + " (" + setting.environmentName() + " or " + setting.placeholder() + ")")
                            .isTrue());
            assertThat(service.requiredSettings()).extracting(ServiceModule.RequiredSetting::environmentName)
                    .contains("KAFKA_BOOTSTRAP_SERVERS");
        }
        Map<String, Set<String>> templateKeys = SECRET_TEMPLATES.of(Secret.class).stream().collect(Collectors.toMap(
                secret -> secret.getMetadata().getName(), secret -> secret.getStringData().keySet()));
        Map<String, Set<String>> referenced = referencedSecretKeys();
        assertThat(referenced).containsKeys("parley-secrets", "parley-jwt");
        referenced.forEach((secret, keys) -> assertThat(templateKeys.get(secret)).as("the template of " + secret)
                .containsAll(keys));
        // The dev overlay generates the same Secrets with every key.
        Map<String, Set<String>> generated = Kustomization.read(Repository.KUBERNETES.resolve("overlays/dev"))
                .generatedSecretKeys();
        referenced.forEach((secret, keys) -> assertThat(generated.get(secret)).as("dev's " + secret).containsAll(keys));
    }

    @Test
    void the_required_settings_are_read_from_the_properties_production_uses() {
        ServiceModule module = new ServiceModule("example-service", ServiceModule.properties("""
                quarkus.http.port=8089
                kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:localhost:9092}
                parley.workspace.secret-key=${PARLEY_WORKSPACE_SECRET_KEY}
                %dev.parley.workspace.secret-key=ZGV2
                quarkus.datasource.username=${DB_USER:postgres}
                mp.jwt.verify.publickey.location=dev-keys/publicKey.pem
                %dev.mp.jwt.verify.audiences=parley-dev
                """), "", List.of());

        assertThat(module.requiredSettings()).containsExactlyInAnyOrder(
                new ServiceModule.RequiredSetting("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS"),
                new ServiceModule.RequiredSetting("parley.workspace.secret-key", "PARLEY_WORKSPACE_SECRET_KEY"),
                new ServiceModule.RequiredSetting("mp.jwt.verify.publickey.location", null),
                new ServiceModule.RequiredSetting("mp.jwt.verify.audiences", null));
        ServiceModule.RequiredSetting key = new ServiceModule.RequiredSetting("parley.workspace.secret-key",
                "PARLEY_WORKSPACE_SECRET_KEY");
        assertThat(key.suppliedBy(Set.of("KAFKA_BOOTSTRAP_SERVERS"))).isFalse();
        assertThat(key.suppliedBy(Set.of("PARLEY_WORKSPACE_SECRET_KEY"))).isTrue();
    }

    @Test
    void services_that_verify_tokens_mount_the_public_key_where_they_are_told_to_read_it() {
        Path keyFile = Path.of(commonSettings().get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        for (ServiceModule service : SERVICES.stream().filter(ServiceModule::verifiesTokens).toList()) {
            PodSpec pod = MANIFESTS.named(Deployment.class, service.name()).orElseThrow().getSpec().getTemplate()
                    .getSpec();
            String volume = pod.getVolumes().stream().filter(v -> v.getSecret() != null
                    && v.getSecret().getSecretName().equals("parley-jwt")).findFirst()
                    .orElseThrow(() -> new AssertionError(service.name() + " does not mount parley-jwt")).getName();
            assertThat(pod.getContainers().get(0).getVolumeMounts()).as(service.name())
                    .anySatisfy(mount -> {
                        assertThat(mount.getName()).isEqualTo(volume);
                        assertThat(mount.getMountPath()).isEqualTo(keyFile.getParent().toString());
                    });
        }
        assertThat(SECRET_TEMPLATES.named(Secret.class, "parley-jwt").orElseThrow().getStringData())
                .containsKey(keyFile.getFileName().toString());
    }

    @Test
    void keda_scales_consumer_groups_the_services_join_up_to_their_topics_partitions() {
        List<GenericKubernetesResource> scaled = MANIFESTS.ofKind("ScaledObject");
        assertThat(scaled).isNotEmpty();
        for (GenericKubernetesResource object : scaled) {
            String target = object.get("spec", "scaleTargetRef", "name");
            ServiceModule service = SERVICES.stream().filter(s -> s.name().equals(target)).findFirst()
                    .orElseThrow(() -> new AssertionError("ScaledObject for an unknown service " + target));
            int maxReplicas = object.get("spec", "maxReplicaCount");
            int minReplicas = object.get("spec", "minReplicaCount");
            assertThat(minReplicas).as(target).isGreaterThanOrEqualTo(2);
            List<Map<String, Object>> triggers = object.get("spec", "triggers");
            assertThat(triggers).as(target).isNotEmpty().allSatisfy(trigger -> {
                assertThat(trigger).containsEntry("type", "kafka");
                @SuppressWarnings("unchecked")
                Map<String, String> metadata = (Map<String, String>) trigger.get("metadata");
                assertThat(service.consumerGroups()).as(target + "'s groups").contains(metadata.get("consumerGroup"));
                assertThat(Topics.ALL).contains(metadata.get("topic"));
                assertThat(maxReplicas).as(target + ": more instances than partitions sit idle")
                        .isLessThanOrEqualTo(Topics.partitions(metadata.get("topic")));
                assertThat(metadata.get("bootstrapServers")).isEqualTo(commonSettings().get("KAFKA_BOOTSTRAP_SERVERS"));
            });
        }
    }

    @Test
    void prometheus_scrapes_analytics_and_only_pods_of_services_that_expose_metrics() {
        GenericKubernetesResource monitor = MANIFESTS.ofKind("PodMonitor").get(0);
        Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
        List<Map<String, String>> endpoints = monitor.get("spec", "podMetricsEndpoints");
        assertThat(endpoints).singleElement().satisfies(endpoint -> {
            assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics");
        });
        for (ServiceModule service : SERVICES) {
            Map<String, String> podLabels = MANIFESTS.named(Deployment.class, service.name()).orElseThrow().getSpec()
                    .getTemplate().getMetadata().getLabels();
            boolean scraped = podLabels.entrySet().containsAll(selector.entrySet());
            if (scraped) {
                assertThat(service.exposesMetrics()).as(service.name() + " is scraped but has no /q/metrics").isTrue();
            }
        }
        // The dashboards' metrics are all analytics' (GrafanaDashboardsIT).
        assertThat(MANIFESTS.named(Deployment.class, "analytics-service").orElseThrow().getSpec().getTemplate()
                .getMetadata().getLabels()).containsAllEntriesOf(selector);
    }

    @Test
    void every_image_is_its_service_at_the_project_version_and_prod_moves_all_to_one_registry_and_tag() {
        for (ServiceModule service : SERVICES) {
            assertThat(onlyContainer(MANIFESTS.named(Deployment.class, service.name()).orElseThrow()).getImage())
                    .isEqualTo(Images.of(service));
        }
        JsonNode images = Kustomization.read(Repository.KUBERNETES.resolve("overlays/prod")).node().path("images");
        assertThat(images).extracting(image -> image.path("name").asText()).containsExactlyInAnyOrderElementsOf(
                SERVICES.stream().map(Images::name).toList());
        assertThat(images).extracting(image -> image.path("newTag").asText()).containsOnly(Repository.projectVersion());
        assertThat(images).allSatisfy(image -> assertThat(image.path("newName").asText())
                .endsWith("/" + image.path("name").asText()));
    }

    @Test
    void the_kustomizations_name_files_that_exist_and_the_base_deploys_every_manifest_and_dashboard() {
        Kustomization base = Kustomization.read(BASE);
        Set<Path> listed = new TreeSet<>(base.resourceFiles());
        Set<Path> present = new TreeSet<>(MANIFESTS.all().stream().map(Manifests.Manifest::file).toList());
        assertThat(listed).containsAll(present);
        for (String overlay : List.of("dev", "prod")) {
            Kustomization.read(Repository.KUBERNETES.resolve("overlays").resolve(overlay)).resourceFiles();
        }
        Kustomization grafana = Kustomization.read(Repository.DEPLOY.resolve("grafana"));
        assertThat(base.resourceDirectories()).contains(grafana.directory());
        assertThat(grafana.generatedConfigMapFiles()).containsExactlyInAnyOrderElementsOf(
                Kustomization.filesIn(Repository.DEPLOY.resolve("grafana/dashboards"), ".json"));
    }

    @Test
    void the_dev_overlay_carries_the_development_public_key_of_the_testkit() throws Exception {
        assertThat(Files.readString(Repository.KUBERNETES.resolve("overlays/dev/dev-keys/publicKey.pem")))
                .isEqualTo(Files.readString(Repository.ROOT.resolve("testkit/src/main/resources/dev-keys/publicKey.pem")));
    }

    static Container onlyContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    private static Map<String, String> commonSettings() {
        return MANIFESTS.named(ConfigMap.class, "parley-common").orElseThrow().getData();
    }

    /** The variables a container sees: its env and every key of the ConfigMaps and Secrets it takes whole. */
    private static Set<String> environment(Container container) {
        Set<String> names = new TreeSet<>();
        container.getEnv().stream().map(EnvVar::getName).forEach(names::add);
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                names.addAll(MANIFESTS.named(ConfigMap.class, source.getConfigMapRef().getName())
                        .orElseThrow(() -> new AssertionError("No ConfigMap " + source.getConfigMapRef().getName()))
                        .getData().keySet());
            }
            if (source.getSecretRef() != null) {
                names.addAll(SECRET_TEMPLATES.named(Secret.class, source.getSecretRef().getName()).orElseThrow()
                        .getStringData().keySet());
            }
        }
        return names;
    }

    /** Secret name → the keys pods read from it (a volume of a whole Secret reads no particular key). */
    private static Map<String, Set<String>> referencedSecretKeys() {
        Map<String, Set<String>> keys = new HashMap<>();
        for (Deployment deployment : MANIFESTS.of(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            pod.getVolumes().stream().filter(volume -> volume.getSecret() != null)
                    .forEach(volume -> keys.computeIfAbsent(volume.getSecret().getSecretName(), k -> new TreeSet<>()));
            pod.getContainers().stream().flatMap(container -> container.getEnv().stream())
                    .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                    .forEach(env -> keys.computeIfAbsent(env.getValueFrom().getSecretKeyRef().getName(),
                            k -> new TreeSet<>()).add(env.getValueFrom().getSecretKeyRef().getKey()));
        }
        return keys;
    }

    private static String topicName(KafkaTopic topic) {
        return topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
    }

    private static Map<String, String> strings(Map<String, Object> config) {
        Map<String, String> strings = new TreeMap<>();
        config.forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }
}
