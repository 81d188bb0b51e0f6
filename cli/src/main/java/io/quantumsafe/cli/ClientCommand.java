package io.quantumsafe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumsafe.client.SettlementClient;
import io.quantumsafe.client.SubmitResult;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.keystore.KeyStore;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.node.config.NodeConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "client", mixinStandardHelpOptions = true, description = "Accounts, transfers and balances against a running network.",
        subcommands = {ClientCommand.CreateAccounts.class, ClientCommand.TransferCmd.class, ClientCommand.Balance.class})
final class ClientCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the network is and who this client is. */
    static final class Target {
        @Option(names = "--network", paramLabel = "DIR", required = true, description = "The directory qsafe network init wrote.")
        Path network;

        @Option(names = "--client", paramLabel = "N", defaultValue = "1", description = "Client id; its key is DIR/clients/client-N.key (default: ${DEFAULT-VALUE}).")
        long client;

        @Mixin
        Passwords passwords;

        SettlementClient connect(boolean needsKey) {
            List<URI> apis = new ArrayList<>();
            int networkId = 0;
            try (Stream<Path> dirs = Files.list(network)) {
                for (Path d : dirs.filter(p -> Files.exists(p.resolve("node.yaml"))).sorted().toList()) {
                    NodeConfig config = NodeConfig.load(d.resolve("node.yaml"));
                    networkId = config.networkId();
                    apis.add(URI.create("http://" + NodeConfig.format(config.apiListen())));
                }
            } catch (java.io.IOException e) {
                throw new CommandFailure("cannot read the network directory " + network + ": " + e.getMessage());
            }
            if (apis.isEmpty()) throw new CommandFailure(network + " holds no validator-*/node.yaml");
            PqcEngine engine = PqcEngine.create();
            PrivateKey key = needsKey
                    ? KeyStore.open(network.resolve("clients"), engine).load("client-" + client, passwords.forExistingKey("client-" + client))
                    : engine.generateKeyPair(io.quantumsafe.crypto.Algorithm.ML_DSA_44).privateKey();
            return new SettlementClient(apis, networkId, UInt128.of(client), key, engine, Duration.ofSeconds(30));
        }
    }

    static void print(PrintWriter out, SubmitResult r) {
        out.printf("%s %s (sub-DAG %d)%s%s%n", r.status(), r.result(), r.sequence(),
                r.accountResults().isEmpty() ? "" : " accounts " + r.accountResults(), r.transferResults().isEmpty() ? "" : " transfers " + r.transferResults());
        out.flush();
        if (!r.allOk()) throw new CommandFailure("not every event succeeded" + (r.error().isEmpty() ? "" : ": " + r.error()));
    }

    @Command(name = "create-accounts", mixinStandardHelpOptions = true, description = "Creates accounts owned by this client.")
    static final class CreateAccounts implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--ids", paramLabel = "LIST", split = ",", required = true, description = "Account ids (decimal, 128-bit).")
        List<String> ids;

        @Option(names = "--ledger", paramLabel = "L", description = "Ledger (currency) number (default: ${DEFAULT-VALUE}).")
        int ledger = 1;

        @Override
        public void run() {
            SettlementClient client = target.connect(true);
            List<Account> accounts = ids.stream().map(id -> Account.create(UInt128.parse(id), ledger, 1, 0, client.clientId())).toList();
            print(spec.commandLine().getOut(), client.submit(accounts, List.of()));
        }
    }

    @Command(name = "transfer", mixinStandardHelpOptions = true, description = "Submits transfers (several with repeated --to/--amount) in one signed request.")
    static final class TransferCmd implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--id", paramLabel = "ID", required = true, description = "Id of the first transfer; further ones count up.")
        String id;

        @Option(names = "--from", paramLabel = "ACCOUNT", required = true)
        String from;

        @Option(names = "--to", paramLabel = "ACCOUNT", required = true)
        List<String> to;

        @Option(names = "--amount", paramLabel = "N", required = true)
        List<String> amounts;

        @Option(names = "--ledger", paramLabel = "L", description = "Default: ${DEFAULT-VALUE}.")
        int ledger = 1;

        @Override
        public void run() {
            if (to.size() != amounts.size()) throw new CommandFailure("give one --amount per --to");
            SettlementClient client = target.connect(true);
            List<Transfer> transfers = new ArrayList<>();
            UInt128 next = UInt128.parse(id);
            for (int i = 0; i < to.size(); i++) {
                transfers.add(Transfer.of(next, UInt128.parse(from), UInt128.parse(to.get(i)), UInt128.parse(amounts.get(i)), ledger, 1));
                next = next.plus(UInt128.of(1));
            }
            print(spec.commandLine().getOut(), client.submit(List.of(), transfers));
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "Shows an account's balances.")
    static final class Balance implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--account", paramLabel = "ID", required = true)
        String account;

        @Override
        public void run() {
            JsonNode a = target.connect(false).account(UInt128.parse(account))
                    .orElseThrow(() -> new CommandFailure("account " + account + " does not exist"));
            spec.commandLine().getOut().printf("account %s (owner %s, ledger %s): debits posted %s, credits posted %s, pending %s/%s%n",
                    a.get("id").asText(), a.get("owner").asText(), a.get("ledger").asText(), a.get("debits_posted").asText(),
                    a.get("credits_posted").asText(), a.get("debits_pending").asText(), a.get("credits_pending").asText());
            spec.commandLine().getOut().flush();
        }
    }
}
