package io.keyuan.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.jobs.JobDownload;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;

/**
 * A link that downloads a job's result file. The service decides at the moment of the click whether the signed-in
 * user may have it (the owner and admins, until it expires); a refusal answers 403 or 410 with no body.
 */
public final class JobDownloads {
    private static final Logger log = LoggerFactory.getLogger(JobDownloads.class);

    private JobDownloads() {}

    public static Anchor anchor(Component owner, JobService jobs, JobId job) {
        Anchor anchor = new Anchor(
                (DownloadHandler) event -> {
                    JobDownload file;
                    try {
                        file = jobs.download(job);
                    } catch (AccessDeniedException e) {
                        event.getResponse().setStatus(403);
                        return;
                    } catch (KeyuanException e) {
                        log.info("Download of job {} refused: {}", job, e.getMessage());
                        event.getResponse().setStatus(410);
                        return;
                    }
                    event.setFileName(file.fileName());
                    event.setContentType(file.contentType());
                    if (file.size() >= 0) {
                        event.setContentLength(file.size());
                    }
                    file.transferTo(event.getOutputStream());
                },
                "");
        anchor.getElement().setAttribute("download", true);
        return anchor;
    }
}
