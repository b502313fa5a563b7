package io.keyuan.shared.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.shared.Registration;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobSubscription;
import io.keyuan.shared.jobs.JobView;
import java.util.function.Consumer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Shows a job's progress in a component for as long as the component is on screen: subscribes while it is attached,
 * unsubscribes when it detaches (a closed tab, a closed dialog, another page), so no listener outlives its view.
 * Updates arrive on job threads and are handed to the UI through {@code UI.access}; with push on, the browser sees
 * them at once. The job itself goes on whatever the component does.
 */
public final class JobWatch implements Registration {
    private final Component owner;
    private final JobService jobs;
    private final JobId id;
    private final Consumer<JobView> onUpdate;
    private final Registration attach;
    private final Registration detach;
    private JobSubscription subscription;
    private volatile boolean removed;
    private volatile JobView last;

    private JobWatch(Component owner, JobService jobs, JobId id, Consumer<JobView> onUpdate) {
        this.owner = owner;
        this.jobs = jobs;
        this.id = id;
        this.onUpdate = onUpdate;
        this.attach = owner.addAttachListener(e -> subscribe(e.getUI()));
        this.detach = owner.addDetachListener(e -> unsubscribe());
    }

    /**
     * Calls {@code onUpdate} with the job now (on the calling UI thread) and then whenever it moves, while {@code
     * owner} is attached.
     */
    public static JobWatch follow(Component owner, JobService jobs, JobId id, Consumer<JobView> onUpdate) {
        JobWatch watch = new JobWatch(owner, jobs, id, onUpdate);
        onUpdate.accept(jobs.get(id));
        owner.getUI().ifPresent(watch::subscribe);
        return watch;
    }

    public JobId jobId() {
        return id;
    }

    private void subscribe(UI ui) {
        if (removed || subscription != null) {
            return;
        }
        Command update = asCaller(() -> {
            if (!removed && last != null) {
                onUpdate.accept(last);
            }
        });
        // once the tab is gone, access throws UIDetachedException, and the registry drops the listener
        subscription = jobs.watch(id, view -> {
            last = view;
            ui.access(update);
        });
    }

    /**
     * {@code command} bound to the signed-in user of the calling (UI) thread: UI.access runs it later on a job or
     * timer thread, which has no security context of its own, and the services it calls check the caller's role.
     */
    public static Command asCaller(Command command) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return () -> {
            SecurityContext previous = SecurityContextHolder.getContext();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(caller);
            SecurityContextHolder.setContext(context);
            try {
                command.execute();
            } finally {
                SecurityContextHolder.setContext(previous);
            }
        };
    }

    private void unsubscribe() {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
    }

    /** Stops following the job (it runs on). */
    @Override
    public void remove() {
        removed = true;
        unsubscribe();
        attach.remove();
        detach.remove();
    }

    boolean subscribed() {
        return subscription != null;
    }

    Component owner() {
        return owner;
    }
}
