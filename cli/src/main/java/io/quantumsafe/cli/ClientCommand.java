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
        subcommands = {ClientCommand.CreateAccounts.class, ClientCommand.TransferCmd.class, ClientCommand.Balance.class,
                ClientCommand.ReceiptCmd.class, ClientCommand.VerifyReceipt.class})
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

    @Command(name = "receipt", mixinStandardHelpOptions = true,
            description = "Fetches a transfer's receipt (transfer, result, Merkle path, checkpoint certificate) once it is certified.")
    static final class ReceiptCmd implements Runnable {
        @Spec
        CommandSpec spec;

        @Mixin
        Target target;

        @Option(names = "--transfer", paramLabel = "ID", required = true)
        String transfer;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true, description = "Where to write the receipt (JSON).")
        Path out;

        @Option(names = "--final", description = "Wait until the checkpoint is final (verifier attestation or challenge window), up to --wait-s.")
        boolean waitFinal;

        @Option(names = "--wait-s", paramLabel = "S", description = "How long to wait (default: ${DEFAULT-VALUE}).")
        long waitSeconds = 30;

        @Override
        public void run() {
            var client = target.connect(false);
            JsonNode receipt = (waitFinal ? client.finalReceipt(UInt128.parse(transfer), Duration.ofSeconds(waitSeconds))
                    : client.receipt(UInt128.parse(transfer), Duration.ofSeconds(waitSeconds)))
                    .orElseThrow(() -> new CommandFailure("no executed transfer " + transfer + " within the validator's receipt window"));
            CliFiles.write(out, receipt.toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8), true);
            spec.commandLine().getOut().printf("receipt for transfer %s (sub-DAG %s, %s, stage %s) written to %s%n", transfer,
                    receipt.get("commitment").get("sequence").asText(), receipt.get("result").asText(), receipt.path("stage").asText("committed"), out);
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "verify-receipt", mixinStandardHelpOptions = true,
            description = {"Verifies a receipt offline with only the committee file: Merkle path, batch commitment, and a quorum",
                    "of ML-DSA-65 checkpoint signatures over the state root; with --verifiers, also that the checkpoint is final",
                    "(verifier attestations). Exits 1 if it does not verify."})
    static final class VerifyReceipt implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--committee", paramLabel = "FILE", required = true, description = "The network's committee.txt.")
        Path committee;

        @Option(names = "--receipt", paramLabel = "FILE", required = true)
        Path receipt;

        @Option(names = "--verifiers", paramLabel = "FILE",
                description = "The network's verifiers.txt: also require the receipt to prove finality with verifier attestations.")
        Path verifiers;

        @Option(names = "--attestations", paramLabel = "K", description = "Attestations required with --verifiers (default: ${DEFAULT-VALUE}).")
        int attestations = 1;

        @Override
        public void run() {
            try {
                var receiptVerifier = new io.quantumsafe.client.ReceiptVerifier(Files.readString(committee), PqcEngine.create());
                var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(receipt.toFile());
                io.quantumsafe.client.ReceiptVerifier.Verdict verdict = verifiers == null ? receiptVerifier.verify(json)
                        : receiptVerifier.verifyFinal(json, Files.readString(verifiers), attestations);
                if (!verdict.valid()) throw new CommandFailure("receipt does NOT verify: " + verdict.reason());
                spec.commandLine().getOut().printf("receipt verifies: transfer %s, %s -> %s, amount %s, result %s; %s%n", verdict.transfer().id(),
                        verdict.transfer().debitAccountId(), verdict.transfer().creditAccountId(), verdict.transfer().amount(), verdict.result(),
                        verdict.reason());
                spec.commandLine().getOut().flush();
            } catch (java.io.IOException e) {
                throw new CommandFailure("cannot read " + receipt + " or " + committee + ": " + e.getMessage());
            }
        }
    }
}
