package io.github.gradgraph.web;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradgraph serve}: starts the playground on a local port, prints its address, and serves until Ctrl-C, when
 * it ends every session and stops.
 */
@Command(name = "gradgraph serve", mixinStandardHelpOptions = true,
        description = "Start the playground in the browser: type a loss J, see its derivation, graph and gradient "
                + "check, and watch the network learn.")
public final class Serve implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "The port to listen on (0: a free one). "
            + "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "The address to listen on; 0.0.0.0 opens "
            + "the playground to the network. Default: ${DEFAULT-VALUE}.")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535, got " + port);
        }
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        PlaygroundServer server = new PlaygroundServer(PlaygroundServer.SESSION_LIMIT, PlaygroundServer.IDLE_TIMEOUT,
                System.err);
        try {
            server.start(host, port);
        } catch (RuntimeException e) {
            server.close();
            String why = rootMessage(e);
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot listen on " + host + ":" + port
                    + ": " + why + (why.toLowerCase(java.util.Locale.ROOT).contains("in use")
                            ? "; choose another --port" : ""));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.println("gradgraph playground stopped");
            out.flush();
            stopped.countDown();
        }, "gradgraph-serve-stop"));
        String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        out.printf("gradgraph playground: http://%s:%d/  (started in %d ms; Ctrl-C stops it)%n", shown,
                server.port(), (System.nanoTime() - start) / 1_000_000);
        out.flush();
        stopped.await();
        return 0;
    }

    private String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof java.nio.channels.UnresolvedAddressException) {
            return "no address is known for the host name '" + host + "'";
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** @param args the options after {@code serve} (a leading {@code serve} is skipped) */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args.length > 0 && args[0].equals("serve")
                ? java.util.Arrays.copyOfRange(args, 1, args.length) : args));
    }

    /** @return the command, whose bad options are one line and exit code 2 */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Serve());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("gradgraph serve: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'gradgraph serve --help'.");
            return 2;
        });
        return cl;
    }
}
