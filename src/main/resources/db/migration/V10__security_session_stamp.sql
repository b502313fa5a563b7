-- Bumped whenever an administrator disables a user, changes their role or resets their password: a session
-- signed in under an older stamp is ended on its next request.
ALTER TABLE app_user ADD COLUMN security_stamp INT NOT NULL DEFAULT 0;
