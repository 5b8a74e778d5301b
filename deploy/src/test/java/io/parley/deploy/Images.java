package io.parley.deploy;

/** The image each service runs from: {@code parley/<module>:<project version>}, built by deploy/docker. */
final class Images {

    private Images() {
    }

    static String name(ServiceModule service) {
        return "parley/" + service.name();
    }

    static String of(ServiceModule service) {
        return name(service) + ":" + Repository.projectVersion();
    }
}
