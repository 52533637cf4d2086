package dev.jcompose.load.discover;

import dev.jcompose.load.LoadOptions;
import dev.jcompose.load.Warnings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the loader starts from: the project directory, the compose files in order, and the environment used for
 * interpolation (shell > --env-file > .env of the project directory, COMPOSE_* from env files exported).
 */
public record ProjectSources(Path projectDir, List<SourceFile> files, Map<String, String> environment) {
    public ProjectSources {
        files = List.copyOf(files);
        environment = Map.copyOf(environment);
    }

    /**
     * Finds the files and assembles the environment in docker compose's order:
     * <ol>
     * <li>OS environment;</li>
     * <li>the env files: --env-file (or COMPOSE_ENV_FILES), else the .env of --project-directory, else of the
     * first -f file's directory, else of the working directory, so that COMPOSE_FILE may come from it;</li>
     * <li>the compose files: -f, else COMPOSE_FILE (split on COMPOSE_PATH_SEPARATOR, default ":"), else
     * discovery from --project-directory or the working directory upwards;</li>
     * <li>without --env-file, the .env of the project directory (found only now when discovery went up).</li>
     * </ol>
     * Every env file adds only keys not yet set. COMPOSE_DISABLE_ENV_FILE=true skips the default .env.
     */
    public static ProjectSources resolve(LoadOptions options, Warnings warnings) {
        Path cwd = options.workingDir().toAbsolutePath().normalize();
        Path projectDirFlag = options.projectDir() == null ? null
                : cwd.resolve(ComposeFiles.expandHome(options.projectDir().toString())).normalize();
        ProjectEnvironment env = new ProjectEnvironment(options.osEnv(), cwd, warnings);
        List<Path> envFiles = ProjectEnvironment.explicitFiles(options.envFiles(), options.osEnv(), cwd);
        boolean dotEnvDisabled = envFiles.isEmpty() && ProjectEnvironment.dotEnvDisabled(options.osEnv());

        if (!envFiles.isEmpty()) {
            env.load(envFiles);
        } else if (!dotEnvDisabled) {
            Path firstDir = options.files().stream().filter(f -> !f.equals("-"))
                    .map(f -> cwd.resolve(ComposeFiles.expandHome(f)).normalize().getParent()).findFirst()
                    .orElse(cwd);
            env.load(ProjectEnvironment.dotEnvIn(projectDirFlag != null ? projectDirFlag : firstDir));
        }

        List<Path> files = composeFiles(options, cwd, projectDirFlag, env, warnings);
        Path projectDir = projectDirFlag != null ? projectDirFlag
                : files.stream().filter(Objects::nonNull).map(Path::getParent).findFirst().orElse(cwd);
        if (envFiles.isEmpty() && !dotEnvDisabled) {
            env.load(ProjectEnvironment.dotEnvIn(projectDir));
        }
        List<SourceFile> sources = files.stream().map(f -> ComposeFiles.read(f, cwd, options.stdin())).toList();
        return new ProjectSources(projectDir, sources, env.values());
    }

    private static List<Path> composeFiles(LoadOptions options, Path cwd, Path projectDirFlag,
            ProjectEnvironment env, Warnings warnings) {
        if (!options.files().isEmpty()) {
            return ComposeFiles.named(options.files(), cwd);
        }
        String composeFile = env.get("COMPOSE_FILE");
        if (composeFile != null && !composeFile.isEmpty()) {
            String separator = env.get("COMPOSE_PATH_SEPARATOR");
            return ComposeFiles.fromVariable(composeFile,
                    separator == null || separator.isEmpty() ? ":" : separator, cwd);
        }
        return ComposeFiles.discover(projectDirFlag != null ? projectDirFlag : cwd, warnings);
    }
}
