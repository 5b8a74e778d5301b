package io.parley.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every Kubernetes manifest under a directory, each document read into its typed model: fabric8's for Kubernetes'
 * own kinds, Strimzi's for Kafka's. KEDA and the Prometheus Operator publish no Java model, so their kinds are read
 * as generic resources and checked field by field. A kind with no model here is an error, not a skipped document.
 */
record Manifests(List<Manifest> all) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", GenericKubernetesResource.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", GenericKubernetesResource.class));

    /** One document of a file. */
    record Manifest(Path file, HasMetadata resource) {
    }

    /** Every {@code *.yaml} under the directory except kustomizations (which are not resources). */
    static Manifests under(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Manifest> manifests = new ArrayList<>();
            for (Path file : files.filter(Manifests::isManifest).sorted().toList()) {
                for (JsonNode document : documents(file)) {
                    manifests.add(new Manifest(file, typed(file, document)));
                }
            }
            return new Manifests(manifests);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") && !name.equals("kustomization.yaml");
    }

    /** The non-empty documents of a YAML file, as trees. */
    static List<JsonNode> documents(Path file) {
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile());
             MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
            return documents.readAll().stream().filter(node -> node != null && !node.isNull() && !node.isMissingNode())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Not YAML: " + file, e);
        }
    }

    static HasMetadata typed(Path file, JsonNode document) {
        String kind = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<? extends HasMetadata> model = MODELS.get(kind);
        if (model == null) {
            throw new IllegalArgumentException(file + ": no typed model for " + kind
                    + " (a wrong apiVersion, or a kind deploy/'s validation does not know yet)");
        }
        try {
            return YAML.treeToValue(document, model);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a valid " + kind + ": " + e.getMessage(), e);
        }
    }

    <T extends HasMetadata> List<T> of(Class<T> model) {
        return all.stream().map(Manifest::resource).filter(model::isInstance).map(model::cast).toList();
    }

    List<GenericKubernetesResource> ofKind(String kind) {
        return of(GenericKubernetesResource.class).stream().filter(resource -> resource.getKind().equals(kind)).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> model, String name) {
        return of(model).stream().filter(resource -> resource.getMetadata().getName().equals(name)).findFirst();
    }
}
