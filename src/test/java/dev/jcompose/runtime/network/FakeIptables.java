package dev.jcompose.runtime.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory iptables good enough for {@link Firewall}: chains per table, rules as word lists, -N -X -F -S
 * -C -A -I -D with iptables' exit codes. Built-in chains always exist. Every command is recorded. As the real
 * one, -S quotes a comment that holds a ':'.
 */
final class FakeIptables implements HostCommands {
    final Map<String, List<List<String>>> chains = new LinkedHashMap<>();
    final List<List<String>> commands = new ArrayList<>();

    FakeIptables() {
        for (String c : List.of("filter/INPUT", "filter/FORWARD", "filter/OUTPUT", "nat/POSTROUTING", "nat/PREROUTING",
                "nat/OUTPUT")) {
            chains.put(c, new ArrayList<>());
        }
    }

    int count(String op) {
        return (int) commands.stream().filter(c -> c.size() > 4 && c.get(4).equals(op)).count();
    }

    @Override
    public Result run(List<String> argv, String stdin) {
        commands.add(argv);
        String table = argv.get(3);
        String op = argv.get(4);
        String key = table + "/" + argv.get(5);
        List<List<String>> rules = chains.get(key);
        List<String> spec = new ArrayList<>(argv.subList(op.equals("-I") ? 7 : 6, argv.size()));
        return switch (op) {
            case "-N" -> {
                if (rules != null) {
                    yield new Result(1, "", "iptables: Chain already exists.");
                }
                chains.put(key, new ArrayList<>());
                yield new Result(0, "", "");
            }
            case "-X" -> rules == null || !rules.isEmpty() ? new Result(1, "", "cannot delete") : ok(chains.remove(key));
            case "-F" -> rules == null ? new Result(1, "", "No chain") : ok(clear(rules));
            case "-S" -> {
                if (rules == null) {
                    yield new Result(1, "", "No chain/target/match by that name.");
                }
                StringBuilder out = new StringBuilder("-N " + argv.get(5) + "\n");
                rules.forEach(r -> out.append("-A ").append(argv.get(5)).append(' ').append(String.join(" ", quoted(r)))
                        .append('\n'));
                yield new Result(0, out.toString(), "");
            }
            case "-C" -> rules != null && rules.contains(spec) ? ok(null) : new Result(1, "", "Bad rule");
            case "-A" -> rules == null ? new Result(1, "", "No chain") : ok(rules.add(spec));
            case "-I" -> {
                rules.add(Integer.parseInt(argv.get(6)) - 1, spec);
                yield ok(null);
            }
            case "-D" -> rules != null && rules.remove(spec) ? ok(null) : new Result(1, "", "Bad rule");
            default -> throw new IllegalArgumentException(String.join(" ", argv));
        };
    }

    private static List<String> quoted(List<String> rule) {
        List<String> out = new ArrayList<>(rule);
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i - 1).equals("--comment") && out.get(i).contains(":")) {
                out.set(i, "\"" + out.get(i) + "\"");
            }
        }
        return out;
    }

    private static Result ok(Object ignored) {
        return new Result(0, "", "");
    }

    private static Object clear(List<List<String>> rules) {
        rules.clear();
        return null;
    }
}
