package io.github.gradgraph.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the operating system knows of a server's connections (Linux's {@code /proc/net/tcp}), and a page's event stream
 * on a raw socket, whose closing is as abrupt as a closed tab's.
 */
final class Sockets {
    private static final String CLOSE_WAIT = "08";
    private static final String ESTABLISHED = "01";

    private Sockets() {
    }

    /** @return the server's connections on {@code port} that the peer has closed and the server has not */
    static int closeWait(int port) {
        return count(port, CLOSE_WAIT);
    }

    /** @return the server's open connections on {@code port} */
    static int established(int port) {
        return count(port, ESTABLISHED);
    }

    private static int count(int port, String state) {
        String local = String.format(Locale.ROOT, ":%04X", port);
        int n = 0;
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue; // no IPv6 table on this machine
            }
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[1].endsWith(local) && f[3].equals(state)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** @return whether this machine shows its connections as Linux does */
    static boolean visible() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** A page's event stream: the request sent, the reply's first bytes read. */
    static final class Stream implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        Stream(int port, String path) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in = socket.getInputStream();
            String head = readUntil("event:");
            if (!head.startsWith("HTTP/1.1 200")) {
                throw new IOException("the stream did not open: " + head);
            }
        }

        private String readUntil(String marker) throws IOException {
            StringBuilder b = new StringBuilder();
            while (b.indexOf(marker) < 0) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                b.append((char) c);
            }
            return b.toString();
        }

        /**
         * @return whether the server ended the stream within {@code timeoutMillis}: the connection closed, or the
         *     reply's last chunk sent (the connection may then serve another request)
         */
        boolean endedByServer(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            byte[] buf = new byte[8192];
            StringBuilder tail = new StringBuilder();
            long end = System.nanoTime() + timeoutMillis * 1_000_000L;
            try {
                while (System.nanoTime() < end) {
                    int n = in.read(buf);
                    if (n < 0) {
                        return true;
                    }
                    tail.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    if (tail.length() > 64) {
                        tail.delete(0, tail.length() - 64);
                    }
                    if (tail.toString().endsWith("\r\n0\r\n\r\n")) {
                        return true;
                    }
                }
                return false;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) { // reset: ended too
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
