package io.quantumsafe.crypto.keystore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files that hold keys: owner-only permissions, and atomically (temp file, fsync, rename). */
public final class SecureFiles {
    private SecureFiles() {}

    public static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) return;
        if (supportsPosix(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Writes {@code text} (UTF-8) to {@code target} atomically; see {@link #writeAtomically(Path, byte[], boolean)}. */
    public static void writeAtomically(Path target, String text, boolean ownerOnly) throws IOException {
        writeAtomically(target, text.getBytes(StandardCharsets.UTF_8), ownerOnly);
    }

    /**
     * Writes {@code content} to {@code target} so that readers see the old file or the whole new one,
     * never a part: a temporary file, fsync, atomic rename, directory fsync. {@code ownerOnly} files
     * are created 0600.
     */
    public static void writeAtomically(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Set<java.nio.file.OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel channel = supportsPosix(parent)
                ? FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--")))
                : FileChannel.open(temp, options)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another writer is using " + temp, e);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(parent);
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every file system can sync a directory; the rename itself is still atomic.
        }
    }

    private static boolean supportsPosix(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
