package io.keyuan.shared.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import io.keyuan.shared.jobs.JobService;

/** "My jobs" over whatever page is open: the list of {@link JobsPanel} in a dialog. */
public class JobsDialog extends Dialog {
    final JobsPanel panel;

    public JobsDialog(JobService jobs, String me, boolean admin) {
        setId("jobs-dialog");
        setHeaderTitle(getTranslation("jobs.title"));
        setWidth("min(1100px, 96vw)");
        setHeight("min(640px, 90vh)");
        setResizable(true);
        panel = new JobsPanel(jobs, me, admin);
        add(panel);
        Button close = new Button(getTranslation("action.close"), e -> close());
        close.setId("jobs-dialog-close");
        getFooter().add(close);
    }
}
