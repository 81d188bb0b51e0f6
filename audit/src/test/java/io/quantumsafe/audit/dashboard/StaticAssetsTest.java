package io.quantumsafe.audit.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticAssetsTest {
    final StaticAssets assets = new StaticAssets();

    @Test
    void indexAndModules_haveTheirContentTypes_andRevalidate() throws Exception {
        StaticAssets.Asset index = assets.find("/dashboard/");
        assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(index.bytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("<script type=\"module\" src=\"app.js\">");
        assertThat(index.cacheControl()).isEqualTo("no-cache");
        assertThat(assets.find("/dashboard/views/overview.js").contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(assets.find("/dashboard/style.css").contentType()).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void d3_comesFromTheWebJar_andMayBeCached() throws Exception {
        StaticAssets.Asset d3 = assets.find(StaticAssets.d3Path);
        assertThat(new String(d3.bytes(), 0, 200, java.nio.charset.StandardCharsets.UTF_8)).contains("d3js.org");
        assertThat(d3.cacheControl()).contains("max-age");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dashboard/../pom.xml", "/dashboard/..%2fpom.xml", "/dashboard/%2e%2e/x.js", "/dashboard//etc/passwd",
            "/dashboard/views/../../logback-test.xml", "/dashboard/io/quantumsafe/audit/rules/packs/compliance.yaml",
            "/dashboard/App.js", "/dashboard/missing.js", "/dashboard/.hidden.js", "/etc/passwd", "/dashboard/vendor/d3.js"})
    void pathsOutsideTheWhitelist_areNotFound(String path) throws Exception {
        assertThat(assets.find(path)).isNull();
    }
}
