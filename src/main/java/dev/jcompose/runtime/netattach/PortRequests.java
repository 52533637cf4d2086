package dev.jcompose.runtime.netattach;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.engine.NetworkRequest;
import dev.jcompose.runtime.ports.PortRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** HostConfig.PortBindings (and PublishAllPorts over the exposed ports) as requests for the port proxies. */
final class PortRequests {
    private PortRequests() {
    }

    static List<PortRequest> of(NetworkRequest request) {
        List<PortRequest> out = new ArrayList<>();
        Set<String> bound = new LinkedHashSet<>();
        request.portBindings().forEach((key, bindings) -> {
            if (bindings.isEmpty()) {
                return; // "-p" without a binding only exposes
            }
            bound.add(key);
            for (NetworkRequest.HostBinding b : bindings) {
                out.add(PortRequest.of(b.hostIp(), b.hostPort(), port(key), protocol(key)));
            }
        });
        if (request.publishAllPorts()) {
            for (String key : request.exposedPorts()) {
                if (!bound.contains(key)) {
                    out.add(PortRequest.of("", "", port(key), protocol(key)));
                }
            }
        }
        return out;
    }

    /** "80/tcp" → 80; a bare "80" is tcp. */
    static int port(String key) {
        int slash = key.indexOf('/');
        try {
            return Integer.parseInt(slash < 0 ? key : key.substring(0, slash));
        } catch (NumberFormatException e) {
            throw RuntimeError.badRequest("invalid port " + key);
        }
    }

    static String protocol(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "tcp" : key.substring(slash + 1);
    }
}
