package io.keyuan.shared.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobSubscription;

/**
 * The navbar's way to "my jobs" from every page, with a badge counting the user's queued and running jobs (kept up
 * to date while the page is open, whichever node runs them).
 */
public class JobsButton extends Button {
    final Span badge = new Span();
    private final JobService jobs;
    private final String me;
    private final boolean admin;
    private JobSubscription count;

    public JobsButton(JobService jobs, String me, java.util.function.Predicate<String> hasRole) {
        this.jobs = jobs;
        this.me = me;
        this.admin = hasRole.test(Roles.ADMIN);
        setId("jobs-button");
        setText(getTranslation("jobs.button"));
        setIcon(VaadinIcon.TASKS.create());
        addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        addClassName("keyuan-jobs-button");
        // at the navbar's far end, away from the page title
        getStyle().set("margin-inline-start", "auto").set("margin-inline-end", "var(--lumo-space-m)");
        setTooltipText(getTranslation("jobs.button.tip"));
        badge.setId("jobs-badge");
        badge.getElement().getThemeList().add("badge small pill primary");
        badge.setVisible(false);
        setSuffixComponent(badge);
        addClickListener(e -> open());
    }

    public JobsDialog open() {
        JobsDialog dialog = new JobsDialog(jobs, me, admin);
        dialog.open();
        return dialog;
    }

    void show(long active) {
        badge.setText(String.valueOf(active));
        badge.setVisible(active > 0);
        getElement()
                .setAttribute("aria-label", getTranslation("jobs.button") + (active > 0 ? " (" + active + ")" : ""));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        var ui = event.getUI();
        show(jobs.activeCount());
        count = jobs.watchMine(n -> ui.access(() -> show(n)));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (count != null) {
            count.remove();
            count = null;
        }
        super.onDetach(event);
    }
}
