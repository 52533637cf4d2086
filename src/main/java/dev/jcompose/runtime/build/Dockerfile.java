package dev.jcompose.runtime.build;

import java.util.List;

/**
 * A parsed Dockerfile: the ARGs before the first FROM (usable in FROM lines) and the stages in order.
 *
 * @param escape the escape character ({@code \} or {@code `}, from the {@code # escape=} directive)
 */
public record Dockerfile(char escape, List<Instruction> metaArgs, List<Stage> stages) {
    public Dockerfile {
        metaArgs = List.copyOf(metaArgs);
        stages = List.copyOf(stages);
    }

    /** One FROM and the instructions up to the next FROM. {@code name} is the lower-cased AS name, or null. */
    public record Stage(int index, String name, Instruction from, List<Instruction> body) {
        public Stage {
            body = List.copyOf(body);
        }
    }

    /** Every instruction, in order, for "Step n/m" numbering. */
    public int stepCount() {
        return metaArgs.size() + stages.stream().mapToInt(s -> 1 + s.body().size()).sum();
    }

    /** The index of the stage a {@code --from} or a target names (name or number); -1 when none. */
    public int stageIndex(String nameOrIndex, int before) {
        for (int i = 0; i < Math.min(before, stages.size()); i++) {
            if (nameOrIndex.equalsIgnoreCase(String.valueOf(stages.get(i).name()))) {
                return i;
            }
        }
        if (nameOrIndex.matches("\\d+")) {
            int i = Integer.parseInt(nameOrIndex);
            return i < Math.min(before, stages.size()) ? i : -1;
        }
        return -1;
    }
}
