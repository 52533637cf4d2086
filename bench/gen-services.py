#!/usr/bin/env python3
"""Writes (no top-level name: docker-compose 1.29.2 rejects it) a compose file with N services exercising the loader: ports, volumes, env, depends_on, healthchecks,
anchors, interpolation. Usage: gen-services.py N > compose.yaml"""
import sys

n = int(sys.argv[1])
out = ["x-common: &common", "  restart: unless-stopped", "  environment:",
       "    LOG_LEVEL: ${LOG_LEVEL:-info}", "    REGION: eu", "  labels:", "    team: bench", "services:"]
for i in range(n):
    out.append(f"  svc{i}:")
    out.append("    <<: *common")
    out.append(f"    image: jcompose/busybox:${{TAG:-latest}}")
    out.append(f"    command: [\"httpd\", \"-f\", \"-p\", \"{8000 + i % 1000}\"]")
    out.append("    ports:")
    out.append(f"      - \"127.0.0.1:{20000 + i}:{8000 + i % 1000}\"")
    out.append("    volumes:")
    out.append(f"      - data{i % 10}:/data")
    out.append("      - ./conf:/conf:ro")
    out.append("    healthcheck:")
    out.append("      test: wget -q -O- http://localhost/ || exit 1")
    out.append("      interval: 5s")
    out.append("      retries: 3")
    if i > 0:
        out.append("    depends_on:")
        out.append(f"      - svc{i - 1}")
    out.append("    networks: [front, back]")
out.append("networks:")
out.append("  front: {}")
out.append("  back: {}")
out.append("volumes:")
for j in range(10):
    out.append(f"  data{j}: {{}}")
print("\n".join(out))
