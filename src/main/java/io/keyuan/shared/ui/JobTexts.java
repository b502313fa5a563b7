package io.keyuan.shared.ui;

import com.vaadin.flow.component.Component;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;

/** A job in words: its kind, what it is about, where it is, why it failed — all from the bundles. */
public final class JobTexts {
    private JobTexts() {}

    private static java.util.Locale locale(Component c) {
        com.vaadin.flow.component.UI ui = c.getUI().orElse(com.vaadin.flow.component.UI.getCurrent());
        return ui == null ? KeyuanI18NProvider.ZH_CN : ui.getLocale();
    }

    public static String kind(Component c, JobView job) {
        String key = "jobs.kind." + job.kind();
        return KeyuanI18NProvider.has(key, locale(c)) ? c.getTranslation(key) : job.kind();
    }

    public static String subject(Component c, JobView job) {
        if (job.subjectKey() == null) {
            return "";
        }
        return c.getTranslation(job.subjectKey(), job.subjectArgs().toArray());
    }

    public static String status(Component c, JobView job) {
        return EnumLabels.label(c, job.status());
    }

    /** The progress line: the job's own text when it gives one, else rows or steps done of the total. */
    public static String progress(Component c, JobView job) {
        if (job.progressKey() != null) {
            return c.getTranslation(job.progressKey(), job.progressArgs().toArray());
        }
        if (job.status() == JobStatus.QUEUED) {
            return c.getTranslation("jobs.progress.queued");
        }
        if (job.progressTotal() > 0) {
            return c.getTranslation(
                    "jobs.progress.of",
                    Formats.number(job.progressDone(), locale(c)),
                    Formats.number(job.progressTotal(), locale(c)));
        }
        return c.getTranslation("jobs.progress.running", Formats.number(job.progressDone(), locale(c)));
    }

    /** Why the job failed, never a stack trace: the message the job left, or a generic one. */
    public static String error(Component c, JobView job) {
        if (job.errorKey() == null) {
            return job.status() == JobStatus.FAILED ? c.getTranslation("jobs.error.unexpected") : "";
        }
        return c.getTranslation(job.errorKey(), job.errorArgs().toArray());
    }
}
