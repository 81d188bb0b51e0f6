package io.quantumsafe.audit.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.crypto.AlgorithmProperties;
import org.cyclonedx.model.component.crypto.CryptoProperties;
import org.cyclonedx.model.component.crypto.ProtocolProperties;
import org.cyclonedx.model.component.crypto.RelatedCryptoMaterialProperties;
import org.cyclonedx.model.component.crypto.enums.AssetType;
import org.cyclonedx.model.component.crypto.enums.CryptoFunction;
import org.cyclonedx.model.component.crypto.enums.Primitive;
import org.cyclonedx.model.component.crypto.enums.ProtocolType;
import org.cyclonedx.model.component.crypto.enums.RelatedCryptoMaterialType;

/**
 * The inventory as a CycloneDX 1.6 cryptography bill of materials (the inventory PCI DSS 12.3.3
 * asks for): each audited component as an application that depends on the algorithms it was seen
 * using; algorithms and TLS groups as cryptographic assets with primitive, parameter set and NIST
 * quantum security level; TLS as a protocol asset referencing its groups; keys as related crypto
 * material by id only. Our own findings (quantum status, NIST IR 8547 dates, clients, counts) go
 * in {@code qsafe:} properties.
 */
public final class Cbom {
    private Cbom() {}

    public static final Version version = Version.VERSION_16;

    public static Bom build(CryptoInventory.Snapshot inventory, Instant from, Instant to, Instant generatedAt) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes((from + "/" + to + "/" + generatedAt).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(generatedAt));
        metadata.setProperties(List.of(new Property("qsafe:observed-from", String.valueOf(from)),
                new Property("qsafe:observed-to", String.valueOf(to)),
                new Property("qsafe:events", Long.toString(inventory.events())),
                new Property("qsafe:dropped", Long.toString(inventory.dropped()))));
        bom.setMetadata(metadata);

        Map<String, Component> algorithms = new LinkedHashMap<>();
        Map<String, SortedSet<String>> uses = new LinkedHashMap<>();
        SortedSet<String> tlsGroups = new TreeSet<>();
        for (CryptoInventory.Entry entry : inventory.entries()) {
            String ref = algorithmRef(entry.name());
            algorithms.computeIfAbsent(ref, key -> algorithm(entry));
            uses.computeIfAbsent(entry.component(), key -> new TreeSet<>()).add(ref);
            if (entry.kind() == CryptoInventory.Kind.TLS_GROUP) tlsGroups.add(ref);
        }
        List<Component> components = new ArrayList<>();
        List<Dependency> dependencies = new ArrayList<>();
        for (Map.Entry<String, SortedSet<String>> use : uses.entrySet()) {
            Component application = new Component();
            application.setType(Component.Type.APPLICATION);
            application.setBomRef("component/" + use.getKey());
            application.setName(use.getKey());
            application.setProperties(clients(inventory, use.getKey()));
            components.add(application);
            Dependency dependency = new Dependency(application.getBomRef());
            List<Dependency> on = new ArrayList<>();
            use.getValue().forEach(ref -> on.add(new Dependency(ref)));
            if (!tlsGroups.isEmpty() && use.getValue().stream().anyMatch(tlsGroups::contains)) on.add(new Dependency("protocol/tls"));
            dependency.setDependencies(on);
            dependencies.add(dependency);
        }
        components.addAll(algorithms.values());
        if (!tlsGroups.isEmpty()) components.add(tls(tlsGroups));
        for (CryptoInventory.Key key : inventory.keys()) components.add(key(key));
        bom.setComponents(components);
        bom.setDependencies(dependencies);
        return bom;
    }

    public static String json(Bom bom) {
        try {
            return BomGeneratorFactory.createJson(version, bom).toJsonString();
        } catch (org.cyclonedx.exception.GeneratorException e) {
            throw new IllegalStateException("CycloneDX generator failed", e);
        }
    }

    public static JsonNode jsonNode(Bom bom) {
        return BomGeneratorFactory.createJson(version, bom).toJsonNode();
    }

    static String algorithmRef(String name) { return "crypto/algorithm/" + name; }

    private static Component algorithm(CryptoInventory.Entry entry) {
        AlgorithmProperties properties = new AlgorithmProperties();
        properties.setPrimitive(primitive(entry.name(), entry.operations()));
        String parameterSet = parameterSet(entry.name());
        if (parameterSet != null) properties.setParameterSetIdentifier(parameterSet);
        properties.setNistQuantumSecurityLevel(nistLevel(entry.name(), entry.status()));
        List<CryptoFunction> functions = new ArrayList<>();
        for (String operation : entry.operations()) {
            CryptoFunction function = function(operation);
            if (!functions.contains(function)) functions.add(function);
        }
        if (!functions.isEmpty()) properties.setCryptoFunctions(functions);
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.ALGORITHM);
        crypto.setAlgorithmProperties(properties);
        Component component = new Component();
        component.setType(Component.Type.CRYPTOGRAPHIC_ASSET);
        component.setBomRef(algorithmRef(entry.name()));
        component.setName(entry.name());
        component.setCryptoProperties(crypto);
        List<Property> flags = new ArrayList<>();
        flags.add(new Property("qsafe:quantum-status", entry.status().wireName()));
        if (entry.status().deprecatedAfter() != null) {
            flags.add(new Property("qsafe:nist-ir-8547:deprecated-after", entry.status().deprecatedAfter().toString()));
            flags.add(new Property("qsafe:nist-ir-8547:disallowed-after", entry.status().disallowedAfter().toString()));
        }
        component.setProperties(flags);
        return component;
    }

    private static Component tls(SortedSet<String> groupRefs) {
        ProtocolProperties protocol = new ProtocolProperties();
        protocol.setType(ProtocolType.TLS);
        protocol.setVersion("1.3");
        protocol.setCryptoRefArray(new ArrayList<>(groupRefs));
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.PROTOCOL);
        crypto.setProtocolProperties(protocol);
        Component component = new Component();
        component.setType(Component.Type.CRYPTOGRAPHIC_ASSET);
        component.setBomRef("protocol/tls");
        component.setName("TLS 1.3");
        component.setCryptoProperties(crypto);
        return component;
    }

    private static Component key(CryptoInventory.Key key) {
        RelatedCryptoMaterialProperties material = new RelatedCryptoMaterialProperties();
        material.setType(RelatedCryptoMaterialType.KEY);
        material.setId(key.keyId());
        material.setAlgorithmRef(algorithmRef(key.algorithm()));
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.RELATED_CRYPTO_MATERIAL);
        crypto.setRelatedCryptoMaterialProperties(material);
        Component component = new Component();
        component.setType(Component.Type.CRYPTOGRAPHIC_ASSET);
        component.setBomRef("crypto/key/" + key.keyId());
        component.setName(key.keyId());
        component.setCryptoProperties(crypto);
        component.setProperties(List.of(new Property("qsafe:components", String.join(",", key.components())),
                new Property("qsafe:first-seen", String.valueOf(key.firstSeen())),
                new Property("qsafe:last-seen", String.valueOf(key.lastSeen()))));
        return component;
    }

    private static List<Property> clients(CryptoInventory.Snapshot inventory, String component) {
        SortedSet<String> clients = new TreeSet<>();
        long events = 0;
        for (CryptoInventory.Entry entry : inventory.entries()) {
            if (!entry.component().equals(component) || entry.kind() != CryptoInventory.Kind.ALGORITHM) continue;
            clients.addAll(entry.clients());
            events += entry.events();
        }
        return List.of(new Property("qsafe:clients", String.join(",", clients)), new Property("qsafe:events", Long.toString(events)));
    }

    private static final Pattern PARAMETER_SET = Pattern.compile("^(?:ML-KEM|ML-DSA|FN-DSA|FALCON)-(\\d+)$|^SLH-DSA-(.+)$|^RSA-(\\d+)$");

    static String parameterSet(String name) {
        Matcher matcher = PARAMETER_SET.matcher(name.toUpperCase(Locale.ROOT));
        if (!matcher.matches()) return null;
        for (int group = 1; group <= 3; group++) if (matcher.group(group) != null) return matcher.group(group);
        return null;
    }

    /** FIPS 203 / 204 / 205 / 206 security categories; classical algorithms are 0 against a quantum adversary. */
    static int nistLevel(String name, QuantumStatus status) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (status.flagged()) return 0;
        if (upper.contains("1024") || upper.contains("ML-DSA-87") || upper.contains("256")) return 5;
        if (upper.contains("768") || upper.contains("ML-DSA-65") || upper.contains("192")) return 3;
        if (upper.contains("ML-DSA-44")) return 2;
        if (upper.contains("512") || upper.contains("128")) return 1;
        return 0;
    }

    static Primitive primitive(String name, SortedSet<String> operations) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.contains("ML-KEM") || upper.contains("MLKEM") || upper.contains("KYBER")) return Primitive.KEM;
        if (upper.contains("DSA") || upper.contains("ED25519") || upper.contains("ED448") || upper.contains("FALCON")
                || upper.contains("RSA-PSS")) return Primitive.SIGNATURE;
        if (upper.startsWith("X25519") || upper.startsWith("X448") || upper.startsWith("ECDH") || upper.startsWith("SECP")
                || upper.equals("DH") || upper.startsWith("FFDHE")) return Primitive.KEY_AGREE;
        if (upper.contains("GCM") || upper.contains("CHACHA20-POLY1305")) return Primitive.AE;
        if (upper.startsWith("SHA") || upper.startsWith("MD5")) return Primitive.HASH;
        if (upper.startsWith("HMAC")) return Primitive.MAC;
        if (operations.contains("sign") || operations.contains("verify")) return Primitive.SIGNATURE;
        if (operations.contains("encapsulate") || operations.contains("decapsulate")) return Primitive.KEM;
        return Primitive.UNKNOWN;
    }

    static CryptoFunction function(String operation) {
        return switch (operation.toLowerCase(Locale.ROOT)) {
            case "sign" -> CryptoFunction.SIGN;
            case "verify" -> CryptoFunction.VERIFY;
            case "keygen", "generate-key", "generate_key" -> CryptoFunction.KEYGEN;
            case "encapsulate", "encaps" -> CryptoFunction.ENCAPSULATE;
            case "decapsulate", "decaps" -> CryptoFunction.DECAPSULATE;
            case "encrypt" -> CryptoFunction.ENCRYPT;
            case "decrypt" -> CryptoFunction.DECRYPT;
            case "digest", "hash" -> CryptoFunction.DIGEST;
            default -> CryptoFunction.OTHER;
        };
    }
}
