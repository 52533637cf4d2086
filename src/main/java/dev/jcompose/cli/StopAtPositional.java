package dev.jcompose.cli;

import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * For commands that run another command (run, exec): options end at the first positional parameter, so
 * `jcompose exec web ls -la` passes "-la" to ls (cobra's SetInterspersed(false) in compose).
 */
final class StopAtPositional implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        spec.parser().stopAtPositional(true);
        return spec;
    }
}
