package io.github.gradgraph.notebook.kernel;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * The kernel's own start ({@code MainApp} with a connection file), plus one repair: a channel's loop thread sets its
 * {@code running} flag only after {@code Thread.start()} returns, so a thread scheduled at once reads it false and
 * ends before its first poll. When that is the shell's thread the kernel never answers, and Jupyter gives up after
 * 60 s ("Kernel didn't respond"); it happened to about one start in seven here. After the channels are bound, every
 * loop thread that has ended is started again with the same loop, until each one runs. Should the kernel's internals
 * differ from what this expects, the repair is skipped with a warning and the kernel starts as its own main would.
 */
public final class KernelMain {
    private static final Logger LOGGER = Logger.getLogger(KernelMain.class.getSimpleName());
    /** Long enough for a thread that read its flag false to have ended; short beside the kernel's own start. */
    private static final long SETTLE_MILLIS = 150;

    private KernelMain() {
    }

    /** @param args the connection file Jupyter wrote */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain CONNECTION_FILE (Jupyter runs it from kernel.json)");
            System.exit(2);
        }
        try (InputStream logging = MainApp.class.getClassLoader().getResourceAsStream("logging.properties")) {
            if (logging != null) {
                LogManager.getLogManager().readConfiguration(logging);
            }
        }
        String connection = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        Channels channels = new Channels(Transform.fromJson(connection, ConnectionProperties.class));
        channels.connect(MainApp.kernel);
        try {
            int restarted = restartEndedLoops(channels);
            if (restarted > 0) {
                LOGGER.info("restarted " + restarted + " channel loop(s) that ended at start");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.warning("channel loops not checked: " + e);
        }
        channels.joinUntilClose();
    }

    /** @return how many loop threads were started again */
    static int restartEndedLoops(Channels channels) throws ReflectiveOperationException, InterruptedException {
        int restarted = 0;
        for (int round = 0; round < 10; round++) {
            Thread.sleep(SETTLE_MILLIS);
            int ended = 0;
            for (Loop loop : loops(channels)) {
                if (!loop.thread().isAlive()) {
                    ended++;
                    LoopThread fresh = new LoopThread(loop.thread().getName(), (Long) read(loop.thread(), "sleep"),
                            (Runnable) read(loop.thread(), "loopBody"));
                    loop.field().set(loop.channel(), fresh);
                    fresh.start();
                }
            }
            if (ended == 0) {
                return restarted;
            }
            restarted += ended;
        }
        throw new IllegalStateException("channel loops keep ending");
    }

    private record Loop(AbstractChannel channel, Field field, LoopThread thread) {
    }

    private static List<Loop> loops(Channels channels) throws IllegalAccessException {
        List<Loop> loops = new ArrayList<>();
        for (Field f : Channels.class.getDeclaredFields()) {
            if (AbstractChannel.class.isAssignableFrom(f.getType())) {
                f.setAccessible(true);
                AbstractChannel channel = (AbstractChannel) f.get(channels);
                for (Field lf : channel.getClass().getDeclaredFields()) {
                    if (lf.getType() == LoopThread.class) {
                        lf.setAccessible(true);
                        LoopThread t = (LoopThread) lf.get(channel);
                        if (t != null) {
                            loops.add(new Loop(channel, lf, t));
                        }
                    }
                }
            }
        }
        if (loops.isEmpty()) {
            throw new IllegalStateException("no channel loop threads found");
        }
        return loops;
    }

    private static Object read(Object o, String field) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(field);
        f.setAccessible(true);
        return f.get(o);
    }
}
