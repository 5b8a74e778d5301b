package io.parley.events.workspace;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals channel secrets (app secrets, access tokens) before they are written to the workspace log, and opens them
 * where they are used (ingest). AES-256-GCM under a key from configuration ({@code parley.workspace.secret-key}, 32
 * bytes base64); the sealed form is {@code base64(iv ‖ ciphertext+tag)}, so a tampered value fails to open.
 */
public final class SecretBox {

    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private SecretBox(SecretKey key) {
        this.key = key;
    }

    /** The box for a base64 key of 32 bytes; a clear error naming the setting otherwise. */
    public static SecretBox fromBase64Key(String base64Key) {
        byte[] raw;
        try {
            raw = base64Key == null ? new byte[0] : Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("parley.workspace.secret-key must be 32 random bytes in base64 (e.g. "
                    + "`openssl rand -base64 32`); the value given is not");
        }
        return new SecretBox(new SecretKeySpec(raw, "AES"));
    }

    public String seal(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The plaintext; an error when the value was sealed under another key or changed. */
    public String open(String sealed) {
        try {
            byte[] in = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a channel secret cannot be opened: it was sealed under another "
                    + "parley.workspace.secret-key, or changed", e);
        }
    }
}
