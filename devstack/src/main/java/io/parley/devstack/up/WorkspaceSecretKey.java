package io.parley.devstack.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that seals channel secrets in {@code workspace-events} for a local platform: made once per data directory
 * and kept beside the broker's data, so secrets written in an earlier run still open after a restart.
 */
final class WorkspaceSecretKey {

    static final String SETTING = "parley.workspace.secret-key";
    private static final String FILE = "workspace-secret.key";

    private WorkspaceSecretKey() {
    }

    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.createDirectories(dataDir);
            Files.writeString(file, encoded + System.lineSeparator(), StandardCharsets.US_ASCII);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the workspace secret key in " + file + ": check that "
                    + dataDir + " is writable", e);
        }
    }
}
