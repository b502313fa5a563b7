package io.keyuan.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.pipeline.DealService;
import io.keyuan.pipeline.PipelineDetail;
import io.keyuan.pipeline.PipelineService;
import io.keyuan.pipeline.domain.Deal;
import io.keyuan.shared.SystemActor;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The board in a real headless Chromium: a card dragged to the next column moves the deal (HTML5 drag and drop
 * events, as a mouse drag fires them), and a card dropped on the lost column asks for the reason first.
 * Screenshots land in target/screenshots.
 */
class PipelineBoardJourneyIT extends ChromiumJourney {
    /** Fires the drag events a mouse drag fires, from a card to a column (Selenium's drag does not). */
    private static final String DRAG = """
            const card = document.getElementById(arguments[0]);
            const column = document.getElementById(arguments[1]);
            const data = new DataTransfer();
            const fire = (el, type) => el.dispatchEvent(
                new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
            fire(card, 'dragstart'); fire(column, 'dragenter'); fire(column, 'dragover');
            fire(column, 'drop'); fire(card, 'dragend');
            """;

    @Autowired
    CustomerService customers;

    @Autowired
    PipelineService pipelines;

    @Autowired
    DealService deals;

    @Test
    void staff_drags_a_deal_to_the_next_stage_and_drops_another_on_lost_with_a_reason() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "board." + suffix;
        SystemActor.run(() -> users.create(username, "看板测试员", "STAFF", PASSWORD));
        PipelineDetail p = SystemActor.call(() -> pipelines.copy(1, "旅程看板" + suffix));
        Customer c = new Customer();
        // An explicit code: the customer journey, sharing this database, expects no generated C0000… codes.
        c.setCode("PB" + suffix.toUpperCase());
        c.setName("看板客户" + suffix);
        long customerId = SystemActor.call(() -> customers.save(c)).getId();
        Deal moving = deal(p, customerId, "拖动商机" + suffix);
        Deal losing = deal(p, customerId, "流失商机" + suffix);
        long second = p.stages().get(1).id();
        long lost = p.stages().get(7).id();

        driver.get(base() + "/login");
        WebElement user = wait.until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form input[name=username]")));
        user.sendKeys(username);
        driver.findElement(By.cssSelector("vaadin-login-form input[name=password]"))
                .sendKeys(PASSWORD);
        driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit]"))
                .click();
        // Signed in: the home dashboard.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("home-work")));

        driver.get(base() + "/pipelines?pipeline=" + p.pipeline().id());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deal-card-" + moving.getId())));
        shot("pipeline-01-board");

        js(DRAG, "deal-card-" + moving.getId(), "stage-" + second);
        wait.until(d -> !d.findElements(By.cssSelector("#stage-" + second + " #deal-card-" + moving.getId()))
                .isEmpty());
        assertThat(SystemActor.call(() -> deals.card(moving.getId())).stageId()).isEqualTo(second);
        assertThat(SystemActor.call(() -> deals.history(moving.getId()))
                        .getLast()
                        .changedBy())
                .isEqualTo(username);
        shot("pipeline-02-moved");

        js(DRAG, "deal-card-" + losing.getId(), "stage-" + lost);
        WebElement reason =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#deal-lost-reason textarea")));
        assertThat(SystemActor.call(() -> deals.card(losing.getId())).stageId())
                .isEqualTo(p.stages().getFirst().id());
        // Tab leaves the field, as a user does, so that the value reaches the server before the click.
        reason.sendKeys("预算取消", Keys.TAB);
        shot("pipeline-03-lost-reason");
        driver.findElement(By.id("deal-lost-confirm")).click();
        wait.until(d -> SystemActor.call(() -> deals.card(losing.getId())).stageId() == lost);
        assertThat(SystemActor.call(() -> deals.get(losing.getId())).getLostReason())
                .isEqualTo("预算取消");
    }

    private Deal deal(PipelineDetail p, long customerId, String title) {
        Deal d = new Deal();
        d.setPipelineId(p.pipeline().id());
        d.setCustomerId(customerId);
        d.setTitle(title);
        d.setValue(new BigDecimal("1000.00"));
        return SystemActor.call(() -> deals.save(d));
    }

    @Override
    String windowSize() {
        return "1600,900";
    }
}
