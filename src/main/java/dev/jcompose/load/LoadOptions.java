package dev.jcompose.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the loader needs from the command line and the process: explicit files ("-" = stdin), project
 * directory and name overrides, env files, profiles, the OS environment, and switches for the optional phases.
 *
 * @param files          -f values in order; empty = discover (COMPOSE_FILE, then compose.yaml... upwards)
 * @param workingDir     the directory the command runs in (discovery starts here; relative -f resolve here)
 * @param projectDir     --project-directory, or null
 * @param projectName    -p, or null
 * @param envFiles       --env-file values; empty = the project directory's .env
 * @param profiles       --profile values (COMPOSE_PROFILES is read from the environment by the loader)
 * @param osEnv          the process environment (tests pass their own)
 * @param stdin          content of "-" when given
 * @param services       services named on the command line (they enable their profiles)
 * @param interpolate    false for config --no-interpolate
 * @param normalize      false for config --no-normalize
 * @param resolvePaths   make relative paths absolute against the project directory
 * @param consistency    check references (networks, volumes, secrets, depends_on) exist
 */
public record LoadOptions(
        List<String> files,
        Path workingDir,
        Path projectDir,
        String projectName,
        List<String> envFiles,
        List<String> profiles,
        Map<String, String> osEnv,
        String stdin,
        List<String> services,
        boolean interpolate,
        boolean normalize,
        boolean resolvePaths,
        boolean consistency) {

    public LoadOptions {
        files = List.copyOf(files);
        envFiles = List.copyOf(envFiles);
        profiles = List.copyOf(profiles);
        osEnv = Map.copyOf(osEnv);
        services = List.copyOf(services);
    }

    /** Defaults for a command run in dir with the given environment. */
    public static LoadOptions defaults(Path workingDir, Map<String, String> osEnv) {
        return new LoadOptions(List.of(), workingDir, null, null, List.of(), List.of(), osEnv, null, List.of(),
                true, true, true, true);
    }

    public LoadOptions withFiles(List<String> f) {
        return new LoadOptions(f, workingDir, projectDir, projectName, envFiles, profiles, osEnv, stdin, services,
                interpolate, normalize, resolvePaths, consistency);
    }

    public LoadOptions withProfiles(List<String> p) {
        return new LoadOptions(files, workingDir, projectDir, projectName, envFiles, p, osEnv, stdin, services,
                interpolate, normalize, resolvePaths, consistency);
    }

    public LoadOptions withEnvFiles(List<String> e) {
        return new LoadOptions(files, workingDir, projectDir, projectName, e, profiles, osEnv, stdin, services,
                interpolate, normalize, resolvePaths, consistency);
    }

    public LoadOptions withProjectName(String n) {
        return new LoadOptions(files, workingDir, projectDir, n, envFiles, profiles, osEnv, stdin, services,
                interpolate, normalize, resolvePaths, consistency);
    }

    public LoadOptions withProjectDir(Path d) {
        return new LoadOptions(files, workingDir, d, projectName, envFiles, profiles, osEnv, stdin, services,
                interpolate, normalize, resolvePaths, consistency);
    }

    public LoadOptions withStdin(String s) {
        return new LoadOptions(files, workingDir, projectDir, projectName, envFiles, profiles, osEnv, s, services,
                interpolate, normalize, resolvePaths, consistency);
    }

    public LoadOptions withServices(List<String> s) {
        return new LoadOptions(files, workingDir, projectDir, projectName, envFiles, profiles, osEnv, stdin, s,
                interpolate, normalize, resolvePaths, consistency);
    }

    public LoadOptions withSwitches(boolean interp, boolean norm, boolean resolve, boolean consist) {
        return new LoadOptions(files, workingDir, projectDir, projectName, envFiles, profiles, osEnv, stdin, services,
                interp, norm, resolve, consist);
    }
}
