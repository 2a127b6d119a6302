package dev.stepwise.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An append stream over an object store without appends: bytes collect in memory and every flush
 * that has new bytes replaces the object with the whole content, so readers see each flushed prefix.
 */
final class S3AppendStream extends OutputStream {
  interface Upload {
    void put(byte[] content) throws IOException;
  }

  private final ByteArrayOutputStream content = new ByteArrayOutputStream();
  private final Upload upload;
  private int uploaded;
  private boolean closed;

  S3AppendStream(byte[] existing, Upload upload) {
    this.content.writeBytes(existing);
    this.uploaded = existing.length;
    this.upload = upload;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    ensureOpen();
    content.write(b);
  }

  @Override
  public synchronized void write(byte[] bytes, int off, int len) throws IOException {
    ensureOpen();
    content.write(bytes, off, len);
  }

  @Override
  public synchronized void flush() throws IOException {
    if (closed || content.size() == uploaded) {
      return;
    }
    upload.put(content.toByteArray());
    uploaded = content.size();
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    flush();
    closed = true;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("append stream is closed");
    }
  }
}
