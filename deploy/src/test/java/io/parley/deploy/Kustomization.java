package io.parley.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A kustomization.yaml and the files it names, which must exist (kustomize would stop on the first that does not). */
record Kustomization(Path directory, JsonNode node) {

    static Kustomization read(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        assertThat(file).as("a kustomization").exists();
        return new Kustomization(directory.toAbsolutePath().normalize(), Manifests.documents(file).get(0));
    }

    /** The resource files, after checking that every resource entry is a file or a kustomization directory. */
    List<Path> resourceFiles() {
        List<Path> files = new ArrayList<>();
        for (Path resource : resources()) {
            if (Files.isDirectory(resource)) {
                assertThat(resource.resolve("kustomization.yaml")).as("resource " + resource).exists();
            } else {
                assertThat(resource).as("resource of " + directory).isRegularFile();
                files.add(resource);
            }
        }
        return files;
    }

    List<Path> resourceDirectories() {
        return resources().stream().filter(Files::isDirectory).toList();
    }

    private List<Path> resources() {
        List<Path> resources = new ArrayList<>();
        node.path("resources").forEach(entry -> resources.add(directory.resolve(entry.asText()).normalize()));
        return resources;
    }

    /** The files every configMapGenerator reads, which must exist. */
    Set<Path> generatedConfigMapFiles() {
        Set<Path> files = new TreeSet<>();
        node.path("configMapGenerator").forEach(generator -> generator.path("files").forEach(entry -> {
            Path file = directory.resolve(source(entry.asText())).normalize();
            assertThat(file).as("configMapGenerator file").isRegularFile();
            files.add(file);
        }));
        return files;
    }

    /** Secret name → the keys its secretGenerator writes (literals and files, whose files must exist). */
    Map<String, Set<String>> generatedSecretKeys() {
        Map<String, Set<String>> keys = new TreeMap<>();
        node.path("secretGenerator").forEach(generator -> {
            Set<String> names = keys.computeIfAbsent(generator.path("name").asText(), name -> new TreeSet<>());
            generator.path("literals").forEach(literal -> names.add(literal.asText().split("=", 2)[0]));
            generator.path("files").forEach(file -> {
                assertThat(directory.resolve(source(file.asText()))).isRegularFile();
                names.add(file.asText().contains("=") ? file.asText().split("=", 2)[0]
                        : Path.of(file.asText()).getFileName().toString());
            });
        });
        return keys;
    }

    /** {@code key=path} or {@code path}: the path. */
    private static String source(String entry) {
        return entry.contains("=") ? entry.split("=", 2)[1] : entry;
    }

    static List<Path> filesIn(Path directory, String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(suffix)).map(file -> file.toAbsolutePath().normalize())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }
}
