package io.keyuan.shared.jobs;

import io.keyuan.shared.Roles;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * What every node does on its own timer (at startup and every minute: fail the jobs of dead nodes; every few
 * minutes: delete expired files), callable at once by an administrator, the command line or a test.
 */
@Component
public class JobMaintenance {
    private final JobEngine engine;

    JobMaintenance(JobEngine engine) {
        this.engine = engine;
    }

    /** Fails the queued and running jobs whose node stopped beating; returns them. */
    @PreAuthorize(Roles.HAS_ADMIN)
    public List<JobId> recoverInterrupted() {
        return engine.recoverInterrupted();
    }

    /** Deletes the files of expired jobs and the rows of old ones. */
    @PreAuthorize(Roles.HAS_ADMIN)
    public void cleanUp() {
        engine.cleanUp();
    }
}
