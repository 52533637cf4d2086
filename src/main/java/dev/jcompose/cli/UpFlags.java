package dev.jcompose.cli;

import dev.jcompose.error.ComposeException;

/** compose's validateFlags for `up`: combinations that make no sense are refused before anything runs. */
final class UpFlags {
    private UpFlags() {
    }

    /** Also applies the implications: --exit-code-from → --abort-on-container-exit, --wait → -d. */
    static void validate(UpCommand up) {
        if (up.waitTimeout != null && up.waitTimeout < 0) {
            throw ComposeException.usage("--wait-timeout must be a non-negative integer");
        }
        if (up.exitCodeFrom != null && !up.abortOnFailure) {
            up.abortOnExit = true;
        }
        if (up.abortOnExit && up.abortOnFailure) {
            throw ComposeException.usage("--abort-on-container-failure cannot be combined with "
                    + "--abort-on-container-exit");
        }
        if (up.waitReady) {
            if (up.attachDependencies || up.abortOnExit || !up.attach.isEmpty()) {
                throw ComposeException.usage("--wait cannot be combined with --abort-on-container-exit, --attach or "
                        + "--attach-dependencies");
            }
            up.detach = true;
        }
        if (up.build && up.noBuild) {
            throw ComposeException.usage("--build and --no-build are incompatible");
        }
        if (up.detach && (up.attachDependencies || up.abortOnExit || up.abortOnFailure || !up.attach.isEmpty())) {
            throw ComposeException.usage((up.waitReady ? "--wait" : "--detach") + " cannot be combined with "
                    + "--abort-on-container-exit, --abort-on-container-failure, --attach, --attach-dependencies or "
                    + "--watch");
        }
        if (up.renewAnonVolumes && up.noRecreate) {
            throw ComposeException.usage("--no-recreate and --renew-anon-volumes are incompatible");
        }
        if (up.forceRecreate && up.noRecreate) {
            throw ComposeException.usage("--force-recreate and --no-recreate are incompatible");
        }
        if (up.alwaysRecreateDeps && up.noRecreate) {
            throw ComposeException.usage("--always-recreate-deps and --no-recreate are incompatible");
        }
        if (!up.attach.isEmpty() && up.attachDependencies) {
            throw ComposeException.usage("cannot combine --attach and --attach-dependencies");
        }
    }
}
