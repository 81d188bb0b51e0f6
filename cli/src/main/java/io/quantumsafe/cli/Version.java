package io.quantumsafe.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (or "development" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Qsafe.class.getPackage().getImplementationVersion();
        return new String[] {"qsafe " + (version == null ? "development" : version)
                + " (Java " + Runtime.version() + ")"};
    }
}
