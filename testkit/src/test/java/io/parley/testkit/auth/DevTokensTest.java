package io.parley.testkit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DevTokensTest {

    @Test
    void signsWithTheDevelopmentKeyAndCarriesTenantAndGroups() throws Exception {
        String token = DevTokens.issue("acme", "alice", true);
        String[] parts = token.split("\\.");

        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"tenant\":\"acme\"", "\"upn\":\"alice\"", "\"groups\":[\"agent\",\"admin\"]",
                "\"aud\":\"parley-api\"");

        String pem;
        try (var in = getClass().getClassLoader().getResourceAsStream("dev-keys/publicKey.pem")) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", ""));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void carriesExactlyTheGroupsAskedFor() {
        String claims = new String(Base64.getUrlDecoder().decode(DevTokens.issue("acme", "ops", "agent", "platform")
                .split("\\.")[1]), StandardCharsets.UTF_8);

        assertThat(claims).contains("\"groups\":[\"agent\",\"platform\"]");
        assertThatThrownBy(() -> DevTokens.issue("acme", "ops")).hasMessageContaining("at least one");
    }
}
