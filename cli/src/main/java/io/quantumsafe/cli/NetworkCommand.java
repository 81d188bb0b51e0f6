package io.quantumsafe.cli;

import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.node.config.NetworkInit;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "network", mixinStandardHelpOptions = true, description = "Settlement network tooling.",
        subcommands = NetworkCommand.Init.class)
final class NetworkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Writes a network: its CA, every validator's ML-DSA-65 keys (encrypted) and certificate, the committee file,",
                    "genesis clients with their keys, and one node.yaml per validator (loopback addresses)."})
    static final class Init implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        Passwords passwords;

        @Option(names = "--validators", paramLabel = "N", description = "Validators (default: ${DEFAULT-VALUE}).")
        int validators = 4;

        @Option(names = "--clients", paramLabel = "K", description = "Genesis clients with signing keys (default: ${DEFAULT-VALUE}).")
        int clients = 4;

        @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Where to write the network.")
        Path dir;

        @Option(names = "--network-id", paramLabel = "ID", description = "Default: ${DEFAULT-VALUE}.")
        int networkId = 1;

        @Option(names = "--base-port", paramLabel = "PORT",
                description = "Peer ports PORT, PORT+1, ...; API ports PORT+100, ... on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
        int basePort = 7100;

        @Option(names = "--datacenters", paramLabel = "LIST", split = ",", description = "Datacenter labels, assigned round-robin (default: dc-1,dc-2).")
        List<String> datacenters = List.of("dc-1", "dc-2");

        @Option(names = "--leader-timeout-ms", paramLabel = "MS", description = "Default: ${DEFAULT-VALUE}.")
        long leaderTimeoutMillis = 500;

        @Option(names = "--audit", paramLabel = "SINK", description = "none, stdout, file:PATH ({name} = validator name) or an http(s) URL (default: ${DEFAULT-VALUE}).")
        String audit = "none";

        @Option(names = "--verifiers", paramLabel = "M",
                description = "Verifiers that re-execute every batch; they reach the validators on ports PORT+200, ... (default: ${DEFAULT-VALUE}).")
        int verifiers = 1;

        @Option(names = "--kdf-memory-kib", hidden = true)
        int kdfMemoryKiB = KdfParameters.DEFAULT.memoryKiB();

        @Override
        public void run() {
            char[] password = passwords.forNewKey("the network's keys");
            try {
                NetworkInit.Options options = new NetworkInit.Options(validators, clients, networkId,
                        NetworkInit.Options.loopback(basePort, validators), NetworkInit.Options.loopback(basePort + 100, validators), datacenters,
                        password, new KdfParameters(kdfMemoryKiB, KdfParameters.DEFAULT.iterations(), 1), leaderTimeoutMillis, audit);
                if (verifiers > 0) options = options.withVerifiers(verifiers, NetworkInit.Options.loopback(basePort + 200, validators));
                NetworkInit.run(dir, options, PqcEngine.create());
            } finally {
                Arrays.fill(password, '\0');
            }
            spec.commandLine().getOut().printf("network %d: %d validators, %d clients, %d verifiers in %s%n  start each: qsafe node --config %s%n",
                    networkId, validators, clients, verifiers, dir, dir.resolve("validator-0/node.yaml"));
            if (verifiers > 0) spec.commandLine().getOut().printf("  and each verifier: qsafe verifier --config %s%n", dir.resolve("verifier-0/verifier.yaml"));
            spec.commandLine().getOut().printf("  operator token for the validators' API (metrics, any account): %s (keep it private)%n", dir.resolve("operator.token"));
            spec.commandLine().getOut().flush();
        }
    }
}
