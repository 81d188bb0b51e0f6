package io.quantumsafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/find-jdk, the JDK selection behind ./qsafe and ./mvnw, against fake JDK layouts. */
class FindJdkTest {
    private static final Path SCRIPT = Path.of("..", "bin", "find-jdk").toAbsolutePath().normalize();

    @TempDir
    Path jvms;

    record Run(int exitCode, String stdout, String stderr) {}

    private Path fakeJdk(String name, String version, boolean withJavac) throws IOException {
        Path home = jvms.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        for (String tool : withJavac ? new String[] {"java", "javac"} : new String[] {"java"}) {
            Path file = home.resolve("bin").resolve(tool);
            Files.writeString(file, "#!/bin/sh\necho 'openjdk version \"" + version + "\"' >&2\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return home;
    }

    private Run findJdk(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", SCRIPT.toString());
        builder.environment().remove("JAVA_HOME");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        String err = new String(process.getErrorStream().readAllBytes()).strip();
        return new Run(process.waitFor(), out, err);
    }

    @Test
    void picksTheNewestJdk25OrLater_ignoringOlderOnesAndJres() throws Exception {
        fakeJdk("java-17-openjdk", "17.0.15", true);
        Path jdk25 = fakeJdk("temurin-25-jdk", "25.0.3", true);
        fakeJdk("jre-26", "26.0.1", false);
        Run run = findJdk(Map.of("QSAFE_JVM_DIRS", jvms.toString()));
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo(jdk25.toString());
    }

    @Test
    void prefersJavaHome_whenItIsNewEnough() throws Exception {
        Path other = fakeJdk("custom-25", "25.0.1", true);
        fakeJdk("temurin-26", "26", true);
        Run run = findJdk(Map.of("QSAFE_JVM_DIRS", jvms.toString(), "JAVA_HOME", other.toString()));
        assertThat(run.stdout()).isEqualTo(other.toString());
    }

    @Test
    void ignoresATooOldJavaHome() throws Exception {
        Path old = fakeJdk("java-17", "17.0.15", true);
        Path jdk25 = fakeJdk("temurin-25", "25.0.3", true);
        Run run = findJdk(Map.of("QSAFE_JVM_DIRS", jvms.toString(), "JAVA_HOME", old.toString()));
        assertThat(run.stdout()).isEqualTo(jdk25.toString());
    }

    @Test
    void saysClearlyWhenThereIsNone() throws Exception {
        fakeJdk("java-17", "17.0.15", true);
        Run run = findJdk(Map.of("QSAFE_JVM_DIRS", jvms.toString()));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("needs a JDK 25 or newer").contains("JAVA_HOME");
    }
}
