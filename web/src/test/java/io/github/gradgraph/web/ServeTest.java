package io.github.gradgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code gradgraph serve}'s options: a bad one, a busy port or an unknown host is one line and exit code 2. */
class ServeTest {
    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Serve.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static void assertRefused(String firstLine, String... args) {
        String[] r = run(args);
        assertEquals("2", r[0], String.join("\n", r));
        assertEquals(firstLine + "\nTry 'gradgraph serve --help'.\n", r[2]);
    }

    @Test
    void badOptions_busyPorts_andUnknownHosts_areOneLine() throws Exception {
        assertRefused("gradgraph serve: --port must be 0 to 65535, got 70000", "--port", "70000");
        assertRefused("gradgraph serve: Invalid value for option '--port': 'x' is not an int", "--port", "x");
        assertRefused("gradgraph serve: Unknown option: '--bogus'", "--bogus");
        assertRefused("gradgraph serve: cannot listen on nosuch.invalid:0: no address is known for the host name "
                + "'nosuch.invalid'", "--host", "nosuch.invalid", "--port", "0");
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            assertRefused("gradgraph serve: cannot listen on 127.0.0.1:" + port + ": Address already in use; choose "
                    + "another --port", "--port", Integer.toString(port));
        }
    }

    @Test
    void help_namesTheOptions() {
        String[] r = run("--help");
        assertEquals("0", r[0]);
        assertEquals(true, r[1].contains("--port") && r[1].contains("--host") && r[1].contains("playground"), r[1]);
    }
}
