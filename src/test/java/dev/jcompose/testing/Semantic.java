package dev.jcompose.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares a value of the reference vectors (compose-go's typed model, as JSON) with the same value in jcompose's
 * canonical tree (compose-go's printed form). The two spell a few things differently: modes (365 vs "0555"),
 * byte sizes (2147483648 vs "2147483648"), extra_hosts ({host: [ip]} vs ["host=ip"]), and opt-out booleans that
 * the printed form leaves out when true (env_file.required, bind.create_host_path).
 */
public final class Semantic {
    private Semantic() {
    }

    public static boolean equal(String key, Object expected, Object actual) {
        if (expected instanceof Map<?, ?> em && actual instanceof List<?> al && "extra_hosts".equals(key)) {
            List<String> hosts = new ArrayList<>();
            em.forEach((h, ips) -> ((List<?>) ips).forEach(ip -> hosts.add(h + "=" + ip)));
            hosts.sort(null);
            return hosts.equals(al);
        }
        if (expected instanceof Map<?, ?> em && actual instanceof Map<?, ?> am) {
            for (var e : em.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (!am.containsKey(k)) {
                    boolean optOut = k.equals("required") || k.equals("create_host_path");
                    if (!(optOut && Boolean.TRUE.equals(e.getValue()))) {
                        return false;
                    }
                } else if (!equal(k, e.getValue(), am.get(k))) {
                    return false;
                }
            }
            return am.keySet().stream().allMatch(k -> em.containsKey(k));
        }
        if (expected instanceof List<?> el && actual instanceof List<?> al) {
            if (el.size() != al.size()) {
                return false;
            }
            for (int i = 0; i < el.size(); i++) {
                if (!equal(key, el.get(i), al.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Number n && actual instanceof String s) {
            try {
                long v = "mode".equals(key) && s.startsWith("0") ? Long.parseLong(s, 8) : Long.parseLong(s);
                return v == n.longValue();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (expected instanceof Number a && actual instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(expected, actual);
    }
}
