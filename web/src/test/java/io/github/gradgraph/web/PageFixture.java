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
        PlaygroundServer server = new PlaygroundServer(8, Duration.ofSeconds(30), new PrintStream(System.err))
                .start("127.0.0.1", 0);
        Browser browser;
        try {
            browser = Browser.start(width, height);
        } catch (RuntimeException | IOException | Error e) { // a skipped browser test too
            server.close();
            throw e;
        }
        PageFixture page = new PageFixture(server, browser);
        browser.driver.get("http://127.0.0.1:" + server.port() + "/");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> "true".equals(
                d.findElement(By.tagName("body")).getDomAttribute("data-ready"))
                && !d.findElements(By.cssSelector("#derivation .line[data-name='dZ3']")).isEmpty()
                && !d.findElements(By.cssSelector("#graph svg")).isEmpty());
        return page;
    }

    @Override
    public void close() {
        browser.close();
        server.close();
    }
}
