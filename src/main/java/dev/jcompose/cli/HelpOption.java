package dev.jcompose.cli;

import picocli.CommandLine.Option;

/** `-h, --help` for a subcommand (picocli prints its usage and exits 0). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit")
    boolean help;
}
