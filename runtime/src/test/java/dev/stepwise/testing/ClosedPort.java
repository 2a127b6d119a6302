package dev.stepwise.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections for as long as this is open: the port is bound (so no
 * other process can start listening on it) but never listened on. A port merely found free and
 * released again could be taken by anyone before the test uses it.
 */
public final class ClosedPort implements AutoCloseable {
  private final Socket socket;

  private ClosedPort(Socket socket) {
    this.socket = socket;
  }

  public static ClosedPort reserve() throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new ClosedPort(socket);
  }

  public int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
