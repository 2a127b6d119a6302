package dev.stepwise.kubernetes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API address the process kubelet's clients use: container logs it answers itself, streamed
 * while the container runs ({@code ?follow=true}), as a real API server relays the kubelet's log;
 * every other request (and watch websocket) goes byte for byte to the API double, which answers
 * a response only as a whole. One request per connection keeps the routing to the request line.
 */
final class KubeletApiFront implements AutoCloseable {
  private static final Pattern POD_LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(\\?.*)?");
  private static final int MAX_HEAD = 64 * 1024;

  /** A container's log as the kubelet writes it; {@code ended} once nothing more will be appended. */
  interface ContainerLog {
    Path file();

    boolean ended();
  }

  private final ServerSocket server;
  private final int apiPort;
  private final BiFunction<String, String, Optional<ContainerLog>> logs;
  private final Thread acceptor;
  private volatile boolean open = true;

  KubeletApiFront(int apiPort, BiFunction<String, String, Optional<ContainerLog>> logs) throws IOException {
    this.apiPort = apiPort;
    this.logs = logs;
    this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.acceptor = new Thread(this::accept, "kubelet-api-front");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (open) {
      try {
        Socket client = server.accept();
        Thread handler = new Thread(() -> handle(client), "kubelet-api-front-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        if (open) {
          System.err.println("[process-kubelet] API front stopped accepting: " + e);
        }
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      if (head == null) {
        return;
      }
      List<String> lines = List.of(new String(head, StandardCharsets.ISO_8859_1).split("\r\n"));
      String[] requestLine = lines.get(0).split(" ");
      Matcher log = POD_LOG.matcher(requestLine.length > 1 ? requestLine[1] : "");
      if (requestLine[0].equals("GET") && log.matches()) {
        Optional<ContainerLog> container = logs.apply(log.group(1), log.group(2));
        if (container.isPresent()) {
          String query = log.group(3) == null ? "" : log.group(3);
          streamLog(container.get(), query.matches(".*[?&]follow=true.*"), client.getOutputStream());
          return;
        }
      }
      forward(lines, in, client);
    } catch (IOException e) {
      // the client or the double closed the connection
    }
  }

  private void forward(List<String> lines, InputStream in, Socket client) throws IOException {
    boolean upgrade = lines.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).startsWith("upgrade: websocket"));
    StringBuilder head = new StringBuilder(lines.get(0)).append("\r\n");
    for (String line : lines.subList(1, lines.size())) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (!upgrade && (lower.startsWith("connection:") || lower.startsWith("keep-alive:")
          || lower.startsWith("upgrade:") || lower.startsWith("http2-settings:"))) {
        continue;
      }
      head.append(line).append("\r\n");
    }
    if (!upgrade) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    try (Socket api = new Socket(InetAddress.getByName("127.0.0.1"), apiPort)) {
      api.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      api.getOutputStream().flush();
      Thread upstream = new Thread(() -> {
        try {
          in.transferTo(api.getOutputStream());
          api.shutdownOutput();
        } catch (IOException e) {
          // either side closed
        }
      }, "kubelet-api-front-upstream");
      upstream.setDaemon(true);
      upstream.start();
      api.getInputStream().transferTo(client.getOutputStream());
      client.getOutputStream().flush();
    }
  }

  private static void streamLog(ContainerLog log, boolean follow, OutputStream out) throws IOException {
    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    long position = 0;
    byte[] buffer = new byte[16 * 1024];
    while (true) {
      boolean ended = log.ended();
      try (RandomAccessFile file = new RandomAccessFile(log.file().toFile(), "r")) {
        file.seek(position);
        int read;
        while ((read = file.read(buffer)) > 0) {
          out.write((Integer.toHexString(read) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(buffer, 0, read);
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
          position += read;
        }
        out.flush();
      } catch (java.io.FileNotFoundException notYet) {
        // the container has not started
      }
      if (!follow || ended) {
        break;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (head.size() < MAX_HEAD) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        byte[] bytes = head.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 4);
      }
    }
    throw new IOException("request head longer than " + MAX_HEAD);
  }

  @Override
  public void close() throws IOException {
    open = false;
    server.close();
  }
}
