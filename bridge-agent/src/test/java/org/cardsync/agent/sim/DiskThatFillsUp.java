package org.cardsync.agent.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * A journal file on a disk that fills up when the test says so: from then on a write puts part of its bytes on
 * the disk (as a real write does when the space runs out mid-record) and fails with "No space left on device".
 * Everything else goes to the real file. It can also {@link #stall} its writes, as a slow disk does.
 */
final class DiskThatFillsUp extends FileChannel {

    private final FileChannel file;
    private volatile boolean full;
    private volatile CountDownLatch stalled = new CountDownLatch(0);

    private DiskThatFillsUp(FileChannel file) {
        this.file = file;
    }

    static DiskThatFillsUp open(Path path) throws IOException {
        return new DiskThatFillsUp(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE));
    }

    void fill() {
        full = true;
    }

    void free() {
        full = false;
    }

    /** From now on, a write waits until {@link #unstall} (a slow disk), then goes to the real file. */
    void stall() {
        stalled = new CountDownLatch(1);
    }

    void unstall() {
        stalled.countDown();
    }

    /** Waits out a stall as the kernel does: an interrupt meanwhile is kept for the write that follows. */
    private void awaitDisk() {
        boolean interrupted = false;
        while (true) {
            try {
                stalled.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        awaitDisk();
        if (full) {
            ByteBuffer part = src.duplicate();
            part.limit(part.position() + part.remaining() / 2);
            int written = file.write(part);
            src.position(src.position() + written);
            throw new IOException("No space left on device");
        }
        return file.write(src);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        awaitDisk();
        if (full) {
            throw new IOException("No space left on device");
        }
        return file.write(src, position);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        awaitDisk();
        if (full) {
            throw new IOException("No space left on device");
        }
        return file.write(srcs, offset, length);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return file.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return file.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        file.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return file.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return file.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
