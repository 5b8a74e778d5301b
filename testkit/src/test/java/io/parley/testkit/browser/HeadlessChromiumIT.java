package io.parley.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

class HeadlessChromiumIT {

    @Test
    void the_system_chromium_runs_a_pages_script_and_takes_its_picture() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] page = "<!doctype html><p id=out>waiting</p><script>document.getElementById('out').textContent='ran'</script>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                    .until(driver -> "ran".equals(driver.findElement(By.id("out")).getText()));
            Path picture = browser.screenshot(Path.of("target", "headless-chromium-it.png"));
            byte[] png = Files.readAllBytes(picture);
            assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        } finally {
            server.stop(0);
        }
    }
}
