package io.parley.devstack.up;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The maximum heap every service JVM of the local platform runs with ({@code -Xmx}): 512 MiB, the budget #13 sets per
 * service, unless the environment's {@code PARLEY_SERVICE_HEAP} says otherwise (a JVM size such as {@code 1g} or
 * {@code 768m}). Without a cap each JVM may take a quarter of the machine's memory and G1 grows its heap lazily up to
 * that (the bot committed 3.1 GiB in a 60 s benchmark), so a run on a developer's machine would say nothing about the
 * budget; with it, a service that needs more fails with an {@code OutOfMemoryError} in its log.
 */
public final class ServiceHeap {

    public static final String VARIABLE = "PARLEY_SERVICE_HEAP";
    static final String DEFAULT = "512m";
    private static final Pattern JVM_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    private ServiceHeap() {
    }

    /** The JVM options that set the heap, from {@code environment} (the process's, normally). */
    static List<String> jvmOptions(Map<String, String> environment) {
        String size = environment.getOrDefault(VARIABLE, DEFAULT).trim();
        if (!JVM_SIZE.matcher(size).matches()) {
            throw new IllegalArgumentException(VARIABLE + "=" + size + " is not a heap size such as 512m or 1g");
        }
        return List.of("-Xmx" + size);
    }
}
