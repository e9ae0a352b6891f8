package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays the committed corpus of malformed and hostile register bodies (resources/hostile): each
 * must get a 4xx problem, none a 5xx, and the registry must be exactly as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileRegisterBodiesTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    record Entry(String id, String why, byte[] body) {
    }

    static List<Entry> corpus() throws Exception {
        List<Entry> entries = new ArrayList<>();
        JsonMapper mapper = JsonMapper.builder().build();
        try (InputStream in = HostileRegisterBodiesTests.class.getResourceAsStream("/hostile/register-bodies.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = mapper.readTree(line);
                byte[] body = node.has("bodyBase64")
                        ? Base64.getDecoder().decode(node.get("bodyBase64").asString())
                        : node.get("body").asString().getBytes(StandardCharsets.UTF_8);
                entries.add(new Entry(node.get("id").asString(), node.get("why").asString(), body));
            }
        }
        return entries;
    }

    @Test
    void everyHostileBodyGetsA4xxProblemAndChangesNothing() throws Exception {
        ApiClient api = new ApiClient(port);
        String key = api.developerKey("corpus");
        assertThat(api.post("/api/addons/register", Manifests.minimal("base", "1.0.0"), key).status()).isEqualTo(201);
        String before = snapshot(api);

        List<Entry> corpus = corpus();
        List<String> failures = new ArrayList<>();
        for (Entry entry : corpus) {
            Reply reply = api.post("/api/addons/register", entry.body(), key, "application/json");
            if (reply.status() < 400 || reply.status() >= 500 || !reply.isProblem()) {
                failures.add(entry.id() + " (" + entry.why() + "): " + reply.status() + " " + abbreviate(reply.body()));
            }
        }

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        assertThat(failures).as("bodies not answered with a 4xx problem").isEmpty();
        assertThat(snapshot(api)).isEqualTo(before);
    }

    private String snapshot(ApiClient api) {
        return api.get("/api/addons?size=100").body()
                + "|addons=" + mongo.getCollection("addons").countDocuments()
                + "|versions=" + mongo.getCollection("addon_versions").countDocuments();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
