package dev.jcompose.runtime.engine;

import java.security.SecureRandom;
import java.util.List;
import java.util.function.Predicate;

/** Docker-style generated container names, {@code adjective_name}, with a number appended on a clash. */
final class Names {
    private static final List<String> LEFT = List.of("admiring", "bold", "brave", "calm", "clever", "eager",
            "ecstatic", "elegant", "focused", "friendly", "gallant", "happy", "jolly", "keen", "kind", "laughing",
            "loving", "modest", "nice", "peaceful", "quirky", "relaxed", "serene", "sharp", "stoic", "sweet",
            "tender", "vibrant", "wizardly", "zealous");
    private static final List<String> RIGHT = List.of("agnesi", "babbage", "bell", "bohr", "curie", "darwin",
            "dijkstra", "einstein", "euler", "fermat", "feynman", "gauss", "hopper", "hypatia", "kepler", "knuth",
            "lamport", "liskov", "lovelace", "mccarthy", "meitner", "newton", "noether", "pascal", "ritchie",
            "shannon", "thompson", "turing", "wozniak", "yonath");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {
    }

    static String generate(Predicate<String> taken) {
        for (int attempt = 0; ; attempt++) {
            String name = LEFT.get(RANDOM.nextInt(LEFT.size())) + "_" + RIGHT.get(RANDOM.nextInt(RIGHT.size()));
            if (attempt > 10) {
                name = name + RANDOM.nextInt(10);
            }
            if (!taken.test(name)) {
                return name;
            }
        }
    }
}
