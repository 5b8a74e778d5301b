package io.parley.testkit.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Main class of a child JVM that must not outlive the JVM that launched it: runs the main class named by the first
 * argument (with the other arguments) and exits once the launcher is gone, so a test JVM killed without running its
 * shutdown hooks (kill -9, a Surefire timeout) leaves nothing behind. {@link ChildJvm} copies this class file next
 * to the child's classpath, so it may use only the JDK.
 */
public final class ParentBoundMain {

    private ParentBoundMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            throw new IllegalArgumentException("Usage: ParentBoundMain <main class> [arguments...]");
        }
        // System.exit runs the program's own shutdown hooks: a clean stop, logs flushed.
        ProcessHandle.current().parent().ifPresent(launcher -> launcher.onExit().thenRun(() -> System.exit(1)));
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
