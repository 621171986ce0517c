package io.github.gradgraph.web;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A playground server on a free port and a browser showing its page, loaded and ready (derivation and graph drawn). */
final class PageFixture implements AutoCloseable {
    final PlaygroundServer server;
    final Browser browser;

    private PageFixture(PlaygroundServer server, Browser browser) {
        this.server = server;
        this.browser = browser;
    }

    static PageFixture open(int width, int height) throws IOException {
        PageFixture page = start(width, height, PlaygroundServer.SESSION_LIMIT, PlaygroundServer.IDLE_TIMEOUT);
        try {
            return page.load();
        } catch (RuntimeException e) {
            page.close();
            throw e;
        }
    }

    /** @return a server of {@code sessionLimit} places and a browser that has not yet loaded its page */
    static PageFixture start(int width, int height, int sessionLimit, Duration idleTimeout) throws IOException {
        PlaygroundServer server = new PlaygroundServer(sessionLimit, idleTimeout, new PrintStream(System.err))
                .start("127.0.0.1", 0);
        Browser browser;
        try {
            browser = Browser.start(width, height);
        } catch (RuntimeException | IOException | Error e) { // a skipped browser test too
            server.close();
            throw e;
        }
        return new PageFixture(server, browser);
    }

    /** Loads the page and waits until it is ready, its derivation and graph drawn; @return this */
    PageFixture load() {
        browser.driver.get("http://127.0.0.1:" + server.port() + "/");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> "true".equals(
                d.findElement(By.tagName("body")).getDomAttribute("data-ready"))
                && !d.findElements(By.cssSelector("#derivation .line[data-name='dZ3']")).isEmpty()
                && !d.findElements(By.cssSelector("#graph svg")).isEmpty());
        return this;
    }

    @Override
    public void close() {
        browser.close();
        server.close();
    }
}
