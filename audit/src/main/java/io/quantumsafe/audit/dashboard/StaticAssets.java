package io.quantumsafe.audit.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files, read from the jar: our HTML, CSS and JavaScript modules under
 * {@code dashboard/} and D3 from its WebJar. A request path is matched against a whitelist
 * pattern before it becomes a resource name, so no path can climb out ({@code ..}, {@code //},
 * encoded slashes) or reach other classpath resources.
 */
public final class StaticAssets {
    /** Lower-case names, one or more segments, a known extension: nothing else is looked up. */
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");
    public static final String prefix = "/dashboard/";
    public static final String d3Path = prefix + "vendor/d3.min.js";

    /** A file ready to send: bytes, content type, a strong ETag and how long a browser may keep it. */
    public record Asset(byte[] bytes, String contentType, String etag, String cacheControl) {}

    private final ClassLoader loader;
    private final String d3Resource;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    public StaticAssets() {
        this.loader = StaticAssets.class.getClassLoader();
        this.d3Resource = "META-INF/resources/webjars/d3/" + d3Version(loader) + "/dist/d3.min.js";
    }

    /** The asset for a request path, or null (answer 404). */
    public Asset find(String path) throws IOException {
        if (path.equals("/dashboard") || path.equals(prefix)) path = prefix + "index.html";
        if (!path.startsWith(prefix)) return null;
        Asset known = cache.get(path);
        if (known != null) return known;
        Asset asset;
        if (path.equals(d3Path)) {
            // Versioned by the WebJar: a day in the browser cache is safe.
            asset = load(d3Resource, "js", "public, max-age=86400");
        } else {
            String name = path.substring(prefix.length());
            if (!SAFE_NAME.matcher(name).matches()) return null;
            // Our files change with the jar and carry no hash in their names: revalidate each time (ETag, 304).
            asset = load("dashboard/" + name, name.substring(name.lastIndexOf('.') + 1), "no-cache");
        }
        if (asset != null) cache.put(path, asset);
        return asset;
    }

    private Asset load(String resource, String extension, String cacheControl) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) return null;
            byte[] bytes = in.readAllBytes();
            return new Asset(bytes, TYPES.get(extension), "\"" + HexFormat.of().formatHex(sha256(bytes), 0, 16) + "\"", cacheControl);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static String d3Version(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/d3/pom.properties")) {
            if (in == null) throw new IllegalStateException("the d3 WebJar (org.webjars.npm:d3) is not on the classpath");
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the d3 WebJar's version", e);
        }
    }
}
