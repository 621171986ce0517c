package io.github.gradgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gradgraph.nn.Metrics;
import io.github.gradgraph.nn.Network;
import io.github.gradgraph.nn.Predictor;
import io.github.gradgraph.nn.data.Dataset;
import io.github.gradgraph.nn.data.Datasets;
import io.github.gradgraph.nn.io.Checkpoint;
import io.github.gradgraph.nn.io.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The playground in a real browser, as a learner uses it: the page loads with the classic network's derivation, graph
 * and gradient check; a typed J and a changed activation change the derivation; training on the flower reaches 0.85
 * and moves the boundary; the downloaded model loads in the library; a syntax error shows under the loss box, marks the
 * derivation it leaves on screen stale and keeps Play from training it; and the browser's console stays clean
 * throughout. Screenshots of each state go to {@code web/target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaygroundBrowserTest extends PageTest {
    private static WebDriver d() {
        return browser.driver;
    }

    private static WebElement body() {
        return d().findElement(By.tagName("body"));
    }

    /** @return what the page marks stale: "loss", "config", or "" when its panels show the setup being edited */
    private static String stale() {
        String s = body().getDomAttribute("data-stale");
        return s == null ? "" : s;
    }

    private static int failures;

    /** Waits; on a time-out, a screenshot and what the page's error boxes say, then the failure. */
    private static <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(d(), timeout, Duration.ofMillis(100))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                browser.screenshot("failure-" + ++failures);
            } catch (java.io.IOException ignored) {
                // the failure below says what matters
            }
            String id = body().getDomAttribute("data-session");
            throw new AssertionError("timed out; session " + id + (page.server.sessions().isOpen(id) ? " open" : " closed")
                    + " (" + page.server.sessions().size() + " open), status " + body().getDomAttribute("data-status")
                    + ", config error '"
                    + text("config-error") + "', loss error '" + text("loss-error") + "', train error '"
                    + text("train-error") + "', console " + browser.consoleProblems() + sessionThreads(), e);
        }
    }

    /** @return the stacks of the session threads, for a failure's message */
    private static String sessionThreads() {
        StringBuilder sb = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("gradgraph-")) {
                sb.append("\n").append(t.getName()).append(' ').append(t.getState());
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    sb.append("\n    at ").append(stack[i]);
                }
            }
        });
        return sb.toString();
    }

    private static void assertConsoleClean() {
        List<String> problems = browser.consoleProblems();
        assertTrue(problems.isEmpty(), () -> "browser console: " + String.join("\n", problems));
    }

    /** @return the derivation line of that name, or null */
    private static WebElement line(String name) {
        List<WebElement> l = d().findElements(By.cssSelector("#derivation .line[data-name='" + name + "']"));
        return l.isEmpty() ? null : l.get(0);
    }

    private static List<WebElement> graphSvg() {
        return d().findElements(By.cssSelector("#graph svg"));
    }

    private static String text(String id) {
        return d().findElement(By.id(id)).getText();
    }

    private static void typeLoss(String formula) {
        WebElement box = d().findElement(By.id("loss"));
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        box.sendKeys(formula);
    }

    private static String canvas() {
        return (String) ((JavascriptExecutor) d()).executeScript(
                "return document.getElementById('boundary').toDataURL();");
    }

    @Test
    @Order(1)
    void onLoad_theDefaultNetworksDerivationGraphAndGradientCheckAreShown() throws Exception {
        browser.screenshot("01-loaded");
        // dZ[3] of the cross-entropy, rendered by KaTeX, and its shape on hover
        WebElement dz = line("dZ3");
        assertEquals(1, dz.findElements(By.cssSelector(".katex")).size(), dz.getDomProperty("innerHTML"));
        assertEquals("dZ[3] = A[3] − Y    (1 × m)", dz.getDomAttribute("title"));
        assertTrue(line("dW1").getText().contains("dW"), line("dW1").getText());
        assertTrue(d().findElements(By.cssSelector("#graph svg g.node")).size() > 20, "graph nodes drawn");
        List<WebElement> rows = d().findElements(By.cssSelector("#gradcheck tbody tr"));
        assertEquals(6, rows.size());
        for (WebElement r : rows) {
            assertEquals("pass", r.findElements(By.tagName("td")).get(5).getText(), r.getText());
        }
        assertTrue(text("gradcheck-summary").startsWith("All derived gradients agree"), text("gradcheck-summary"));
        assertConsoleClean();
    }

    @Test
    @Order(2)
    void aTypedLoss_andAChangedActivation_changeTheDerivation() throws Exception {
        String before = line("dZ3").getDomAttribute("title");
        typeLoss("mean(-(3*Y*log(A) + (1 - Y)*log(1 - A)))");
        waitFor(Duration.ofSeconds(15), x -> line("dZ3") != null && !before.equals(line("dZ3").getDomAttribute("title")));
        String weighted = line("dZ3").getDomAttribute("title");
        String preview = d().findElement(By.id("loss-preview")).getDomAttribute("title");
        assertEquals("as read: J = (1/m)·Σ −(3·Y ⊙ log(A[3]) + (1 − Y) ⊙ log(1 − A[3]))", preview);
        assertEquals(1, d().findElements(By.cssSelector("#loss-preview .katex")).size(), "J as read, rendered");
        assertTrue(weighted.contains("3") && weighted.contains("Y"), weighted);
        browser.screenshot("02-weighted-loss");

        assertTrue(line("dZ1").getDomAttribute("title").contains("1 − A[1]²"), line("dZ1").getDomAttribute("title"));
        new Select(d().findElement(By.id("activation"))).selectByValue("relu");
        waitFor(Duration.ofSeconds(15), x -> line("dZ1") != null
                && line("dZ1").getDomAttribute("title").contains("1[Z[1] > 0]"));
        browser.screenshot("03-relu");
        new Select(d().findElement(By.id("activation"))).selectByValue("tanh");
        waitFor(Duration.ofSeconds(15), x -> line("dZ1") != null
                && line("dZ1").getDomAttribute("title").contains("1 − A[1]²"));
        // batch norm: its statistics and their gradients appear in the derivation, derived by the engine
        d().findElement(By.id("batchNorm")).click();
        waitFor(Duration.ofSeconds(15), x -> line("mu1") != null && line("dgamma1") != null
                && line("mu1").getDomAttribute("title").contains("μ[1] = (1/m)·Σcols Z[1]"));
        browser.screenshot("03b-batch-norm");
        d().findElement(By.id("batchNorm")).click();
        waitFor(Duration.ofSeconds(15), x -> line("mu1") == null && line("dZ1") != null
                && line("dZ1").getDomAttribute("title").contains("1 − A[1]²"));
        assertConsoleClean();
    }

    @Test
    @Order(3)
    void trainingOnTheFlower_reachesEightyFivePercent_movesTheBoundary_andTheModelLoadsInTheLibrary()
            throws Exception {
        // the network of the test before: tanh hidden layers and the weighted cross-entropy typed there
        new Select(d().findElement(By.id("activation"))).selectByValue("tanh");
        waitFor(Duration.ofSeconds(15), x -> line("dZ1") != null
                && line("dZ1").getDomAttribute("title").contains("1 − A[1]²")
                && line("dZ3").getDomAttribute("title").contains("3"));
        waitFor(Duration.ofSeconds(10), x -> "false".equals(body().getDomAttribute("data-applying"))
                && "ready".equals(body().getDomAttribute("data-status")));
        String untrained = canvas();
        d().findElement(By.id("play")).click();
        waitFor(Duration.ofSeconds(10), x -> "running".equals(body().getDomAttribute("data-status")));
        long start = System.nanoTime();
        waitFor(Duration.ofSeconds(30), x -> {
            String acc = text("accuracy");
            return !acc.equals("–") && Double.parseDouble(acc) > 0.85;
        });
        System.out.printf("train accuracy above 0.85 after %.1f s in the browser (epoch %s)%n",
                (System.nanoTime() - start) / 1e9, text("epoch"));
        String first = canvas();
        browser.screenshot("04-training");
        Thread.sleep(700);
        String second = canvas();
        assertFalse(untrained.equals(first), "the boundary changed from the untrained network's");
        assertFalse(first.equals(second) && "running".equals(body().getDomAttribute("data-status")),
                "the boundary keeps moving while training");
        d().findElement(By.id("play")).click(); // pause
        waitFor(Duration.ofSeconds(10), x -> "paused".equals(body().getDomAttribute("data-status")));
        String pausedAt = text("epoch");
        Thread.sleep(500);
        assertEquals(pausedAt, text("epoch"), "no epoch after pause");
        browser.screenshot("05-paused");
        d().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        Thread.sleep(300);
        browser.screenshot("playground"); // the README's picture, docs/images/playground.png
        d().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));

        d().findElement(By.id("download-model")).click();
        Path model = browser.downloads.resolve("model.safetensors");
        waitFor(Duration.ofSeconds(15), x -> Files.exists(model) && model.toFile().length() > 0);
        Checkpoint c = Safetensors.load(model);
        Network net = c.network();
        Dataset flower = Datasets.flower(1);
        double acc = Metrics.accuracy(new Predictor(net).predict(c.params(), c.preprocessing().apply(flower.x())),
                flower.labels());
        System.out.printf("the downloaded model classifies %.3f of the flower%n", acc);
        assertTrue(acc > 0.8, "accuracy of the downloaded model " + acc);
        assertConsoleClean();
    }

    @Test
    @Order(4)
    void aSyntaxError_isShownUnderTheLossBox_withItsPosition() throws Exception {
        typeLoss("mean((A - Y)**2");
        waitFor(Duration.ofSeconds(15), x -> d().findElement(By.id("loss-error")).isDisplayed());
        String msg = text("loss-error");
        assertEquals("line 1, column 16: expected ')' but found the end of the input", msg);
        browser.screenshot("06-syntax-error");
        typeLoss("mean((A - Y)**2)");
        waitFor(Duration.ofSeconds(15), x -> !d().findElement(By.id("loss-error")).isDisplayed());
        assertConsoleClean();
    }

    @Test
    @Order(5)
    void aLossThatDoesNotValidate_marksTheOldDerivationStale_andPlayTrainsNothingUntilItIsFixed() throws Exception {
        typeLoss("mean((A - Y)**2)"); // its dA[3] line shows the power
        waitFor(Duration.ofSeconds(15), x -> "false".equals(body().getDomAttribute("data-applying"))
                && line("dA3") != null && stale().isEmpty());
        String valid = line("dA3").getDomAttribute("title");
        String epoch = text("epoch");
        typeLoss("mean((A - Y)**3");
        d().findElement(By.id("play")).click(); // at once, before the edit is applied: it must not train the old loss
        waitFor(Duration.ofSeconds(15), x -> stale().equals("loss"));
        assertEquals("The loss J does not parse or fit the network: this is the derivation of the last valid one.",
                text("stale-banner"));
        assertTrue(d().findElement(By.id("derivation-panel")).getDomAttribute("class").contains("stale"));
        assertEquals(valid, line("dA3").getDomAttribute("title"), "the last valid derivation stays, marked stale");
        WebElement play = d().findElement(By.id("play"));
        assertFalse(play.isEnabled(), "play waits for a valid loss");
        assertFalse(d().findElement(By.id("step")).isEnabled(), "step waits for a valid loss");
        assertEquals("The loss J is not valid: fix it to train", play.getDomAttribute("title"));
        Thread.sleep(500);
        assertFalse("running".equals(body().getDomAttribute("data-status")), "the old loss is not trained");
        assertEquals(epoch, text("epoch"));
        browser.screenshot("09-stale-loss");

        typeLoss("mean((A - Y)**4)");
        waitFor(Duration.ofSeconds(15), x -> stale().isEmpty()
                && "false".equals(body().getDomAttribute("data-applying")));
        assertFalse(valid.equals(line("dA3").getDomAttribute("title")), "the derivation is of the new loss");
        assertFalse(d().findElement(By.id("stale-banner")).isDisplayed());
        assertFalse(d().findElement(By.id("derivation-panel")).getDomAttribute("class").contains("stale"));
        assertTrue(play.isEnabled(), "play is back");
        assertEquals("", play.getDomAttribute("title"));

        WebElement hidden = d().findElement(By.id("hidden"));
        hidden.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0");
        waitFor(Duration.ofSeconds(15), x -> stale().equals("config"));
        assertEquals("The network settings are not valid: this is the derivation of the last valid one.",
                text("stale-banner"));
        assertEquals("The network is not valid: fix it to train", play.getDomAttribute("title"));
        assertFalse(play.isEnabled());
        hidden.sendKeys(Keys.chord(Keys.CONTROL, "a"), "8, 4");
        waitFor(Duration.ofSeconds(15), x -> stale().isEmpty()
                && "false".equals(body().getDomAttribute("data-applying")) && play.isEnabled());
        play.click();
        waitFor(Duration.ofSeconds(10), x -> "running".equals(body().getDomAttribute("data-status")));
        play.click();
        waitFor(Duration.ofSeconds(10), x -> "paused".equals(body().getDomAttribute("data-status")));
        assertConsoleClean();
    }

    @Test
    @Order(6)
    void anUploadedCsv_isTrainedOn_andADivergingRunIsShownAsDiverged_evenWhenPlayFollowsTheEditAtOnce() throws Exception {
        typeLoss("mean(-(Y*log(A) + (1 - Y)*log(1 - A)))");
        StringBuilder csv = new StringBuilder("x,y,label\n");
        Dataset moons = Datasets.moons(200, 0.1, 3);
        for (int i = 0; i < moons.size(); i++) {
            csv.append(moons.x().get(0, i)).append(',').append(moons.x().get(1, i)).append(',')
                    .append(moons.labels()[i] == 0 ? "upper" : "lower").append('\n');
        }
        Path file = Files.createTempDirectory("gradgraph-upload-test").resolve("my-moons.csv");
        Files.writeString(file, csv);
        new Select(d().findElement(By.id("data"))).selectByValue("upload");
        d().findElement(By.id("upload")).sendKeys(file.toString());
        waitFor(Duration.ofSeconds(15), x -> "my-moons.csv".equals(body().getDomAttribute("data-data")));
        browser.screenshot("07-uploaded-moons");

        new Select(d().findElement(By.id("optimizer"))).selectByValue("gd");
        WebElement lr = d().findElement(By.id("lr"));
        lr.sendKeys(Keys.chord(Keys.CONTROL, "a"), "5");
        new Select(d().findElement(By.id("speed"))).selectByValue("0");
        typeLoss("mean(exp(Z * 50))");
        d().findElement(By.id("play")).click(); // at once: the edits take effect first, then the run plays
        waitFor(Duration.ofSeconds(20), x -> "diverged".equals(body().getDomAttribute("data-status")));
        String error = text("train-error");
        assertTrue(error.startsWith("Diverged: training stopped at epoch ") && error.contains("not finite"), error);
        assertEquals("true", d().findElement(By.id("play")).getDomAttribute("disabled") == null ? "false" : "true",
                "play is disabled after divergence");
        assertFalse(text("loss-value").contains("NaN"), text("loss-value"));
        browser.screenshot("08-diverged");
        assertConsoleClean();
    }

    @Test
    @Order(7)
    void aLossPresetThatDoesNotFitTheOutput_isWarnedAboutUnderTheLossBox() throws Exception {
        // two classes (the uploaded moons of the test before, or the flower): the softmax preset brings its softmax
        new Select(d().findElement(By.id("preset"))).selectByVisibleText("Softmax cross-entropy");
        waitFor(Duration.ofSeconds(15), x -> "false".equals(body().getDomAttribute("data-applying"))
                && line("dZ3") != null && line("dZ3").getDomAttribute("title").contains("(2 × m)"));
        assertEquals("softmax", d().findElement(By.id("output")).getDomProperty("value"));
        WebElement warnings = d().findElement(By.id("loss-warnings"));
        assertFalse(warnings.isDisplayed(), warnings.getText());
        // one sigmoid row: J = mean(−Y·log A) is 0 for every sample of class 0, whatever the network says
        new Select(d().findElement(By.id("output"))).selectByValue("sigmoid");
        waitFor(Duration.ofSeconds(15), x -> warnings.isDisplayed());
        assertEquals("J does not change with the output on samples of class 0, so training learns nothing from them: "
                + "with one output row their label Y is 0, and J multiplies everything by Y. A softmax cross-entropy "
                + "such as mean(-sum(Y*log(A), 0)) needs a row per class: choose the softmax output activation.",
                warnings.getText());
        ((JavascriptExecutor) d()).executeScript("document.getElementById('loss').scrollIntoView();");
        browser.screenshot("10-loss-warning");
        ((JavascriptExecutor) d()).executeScript("window.scrollTo(0, 0);");
        new Select(d().findElement(By.id("output"))).selectByValue("softmax");
        waitFor(Duration.ofSeconds(15), x -> !warnings.isDisplayed());
        assertConsoleClean();
    }

    @Test
    @Order(8)
    void typedLayerText_decidesTheNetwork_dimsTheControlsItReplaces_andAMisspeltTokenIsNamed() throws Exception {
        WebElement layers = d().findElement(By.id("layers"));
        assertEquals("16 relu, bn, dropout0.2, 8 relu", layers.getDomAttribute("placeholder"));
        layers.sendKeys("16 relu, bn, dropout0.2, 8 relu");
        // bn on the first layer only, which the checkbox cannot say
        waitFor(Duration.ofSeconds(15), x -> "false".equals(body().getDomAttribute("data-applying"))
                && stale().isEmpty() && line("mu1") != null && line("mu2") == null && line("dZ3") != null);
        for (String id : new String[] {"hidden", "activation", "batchNorm", "dropout"}) {
            WebElement control = d().findElement(By.id(id));
            assertFalse(control.isEnabled(), id + " is decided by the text");
            WebElement label = control.findElement(By.xpath("ancestor::label"));
            assertTrue(label.getDomAttribute("class").contains("decided"), id);
            assertEquals("The Layers text decides this; clear it to use this control", label.getDomAttribute("title"));
        }
        browser.screenshot("11-layer-text");

        layers.sendKeys(Keys.chord(Keys.CONTROL, "a"), "16 relu, bn, dropuot0.2, 8 relu");
        waitFor(Duration.ofSeconds(15), x -> stale().equals("config"));
        assertEquals("in 'layers': layer 3 'dropuot0.2': unknown layer; expected a size, bn, dropoutP, convFxFxN, "
                + "maxpoolF, avgpoolF, rnnN, lstmN, gruN",
                text("config-error"));
        browser.screenshot("12-layer-text-typo");

        layers.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        waitFor(Duration.ofSeconds(15), x -> "false".equals(body().getDomAttribute("data-applying"))
                && stale().isEmpty() && line("mu1") == null && line("dZ3") != null);
        assertTrue(d().findElement(By.id("hidden")).isEnabled(), "the sizes decide again");
        assertEquals("", d().findElement(By.id("batchNorm")).findElement(By.xpath("ancestor::label"))
                .getDomAttribute("title"));
        assertConsoleClean();
    }
}
