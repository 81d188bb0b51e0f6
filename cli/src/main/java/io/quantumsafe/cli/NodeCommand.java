package io.quantumsafe.cli;

import io.quantumsafe.node.NodeMain;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Runs a validator: PQ mutual-TLS links to its peers, RocksDB storage, consensus, ledger execution, the",
                "client API (loopback HTTP), /health and /metrics. Runs until stopped."})
final class NodeCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    Passwords passwords;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The validator's node.yaml (qsafe network init).")
    Path config;

    @Override
    public Integer call() throws Exception {
        NodeMain.run(config, passwords.forExistingKey("the validator's keys"));
        return 0;
    }
}
