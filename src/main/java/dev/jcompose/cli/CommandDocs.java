package dev.jcompose.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command reference (docs/commands.md), generated from the picocli model so it cannot drift from the code:
 * one section per visible command, sorted by name, with its synopsis, arguments and options. CommandDocsTest
 * fails when the committed file differs; `jcompose docs --output docs/commands.md` rewrites it.
 */
final class CommandDocs {
    static final String REGENERATE = "jcompose docs --output docs/commands.md";

    private CommandDocs() {
    }

    static String markdown(CommandLine root) {
        StringBuilder md = new StringBuilder();
        md.append("# jcompose command reference\n\n");
        md.append("<!-- Generated from the picocli command model; do not edit. Regenerate with `")
                .append(REGENERATE).append("`\n     (or `mvn -o -q test -Dtest=CommandDocsTest -Djcompose.docs.write=true`). -->\n\n");
        List<CommandLine> commands = new ArrayList<>();
        collect(root, commands);
        md.append("Commands:\n\n");
        for (CommandLine c : commands.subList(1, commands.size())) {
            String name = c.getCommandSpec().qualifiedName(" ");
            md.append("- [").append(name).append("](#").append(name.replace(' ', '-')).append(")\n");
        }
        md.append('\n');
        for (CommandLine c : commands) {
            section(c.getCommandSpec(), md);
        }
        return md.toString();
    }

    private static void collect(CommandLine command, List<CommandLine> out) {
        out.add(command);
        command.getSubcommands().values().stream().distinct()
                .filter(c -> !c.getCommandSpec().usageMessage().hidden())
                .sorted(Comparator.comparing(CommandLine::getCommandName))
                .forEach(c -> collect(c, out));
    }

    private static void section(CommandSpec spec, StringBuilder md) {
        md.append("## ").append(spec.qualifiedName(" ")).append("\n\n");
        for (String line : spec.usageMessage().description()) {
            md.append(line).append('\n');
        }
        md.append("\n```\n").append(synopsis(spec)).append("```\n\n");
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            md.append("| Argument | Description |\n|---|---|\n");
            for (PositionalParamSpec p : params) {
                md.append("| `").append(p.paramLabel()).append(p.arity().max() > 1 ? "..." : "").append("` | ")
                        .append(description(p)).append(" |\n");
            }
            md.append('\n');
        }
        List<OptionSpec> options = spec.options().stream().filter(o -> !o.hidden())
                .sorted(Comparator.comparing(CommandDocs::sortKey)).toList();
        if (!options.isEmpty()) {
            md.append("| Option | Description |\n|---|---|\n");
            for (OptionSpec o : options) {
                String names = String.join(", ", o.names());
                String label = o.typeInfo().isBoolean() ? "" : " " + o.paramLabel();
                md.append("| `").append(names).append(label).append("` | ").append(description(o));
                if (o.defaultValue() != null && !o.typeInfo().isBoolean()) {
                    md.append(" (default: `").append(o.defaultValue()).append("`)");
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
    }

    /** picocli's own synopsis, without colours and at a fixed width so the text does not depend on the terminal. */
    private static String synopsis(CommandSpec spec) {
        CommandLine.Help help = new CommandLine.Help(spec, new CommandLine.Help.ColorScheme.Builder(
                CommandLine.Help.Ansi.OFF).build());
        String text = help.synopsis(0);
        return text.endsWith("\n") ? text : text + "\n";
    }

    private static String description(ArgSpec arg) {
        return String.join(" ", arg.description()).replace("|", "\\|");
    }

    /** By long name without dashes: "--detach" and "-d, --detach" sort the same way. */
    private static String sortKey(OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "");
    }
}
