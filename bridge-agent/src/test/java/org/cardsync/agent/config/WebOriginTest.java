package org.cardsync.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WebOriginTest {

    @Test
    void defaultPortWrittenOrNot_isTheSameOrigin() {
        assertThat(WebOrigin.parse("https://Portal.Example")).isEqualTo(WebOrigin.parse("https://portal.example:443"));
        assertThat(WebOrigin.parse("https://portal.example:443").toString()).isEqualTo("https://portal.example");
    }

    @Test
    void schemeAndPortMatter() {
        assertThat(WebOrigin.parse("http://portal.example")).isNotEqualTo(WebOrigin.parse("https://portal.example"));
        assertThat(WebOrigin.parse("http://localhost:8080")).isNotEqualTo(WebOrigin.parse("http://localhost:8081"));
    }

    @Test
    void ipv6LoopbackOrigin_isParsed() {
        assertThat(WebOrigin.parse("http://[::1]:8080").toString()).isEqualTo("http://[::1]:8080");
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource({
        "null, opaque",
        "ftp://portal.example, scheme",
        "file:///etc/passwd, scheme",
        "https://portal.example/, no path",
        "https://portal.example/app, no path",
        "https://user@portal.example, user info",
        "https://portal.example?x=1, query",
        "portal.example, scheme"})
    void notAnOrigin_isRefusedWithAReason(String text, String reason) {
        assertThatThrownBy(() -> WebOrigin.parse(text)).hasMessageContaining(reason);
    }

    @Test
    void policy_allowsOnlyExactOriginsAndSaysWhy() {
        OriginPolicy policy = new OriginPolicy(Set.of(WebOrigin.parse("https://portal.example")));
        assertThat(policy.check("https://portal.example").allowed()).isTrue();
        assertThat(policy.check("https://portal.example.evil.example").allowed()).isFalse();
        assertThat(policy.check("https://evil.example").reason()).contains("not on the allow-list");
        assertThat(policy.check(null).reason()).contains("no Origin");
        assertThat(policy.check("x".repeat(600)).allowed()).isFalse();
    }
}
