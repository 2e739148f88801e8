package dev.chatharness.cli.staging;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How nginx stands in front of the nodes: one of the ways real deployments do it, right or wrong.
 *
 * @param stickySessions pin each client to one node with a cookie naming the node that first served it (what
 *                       ingress-nginx's cookie affinity and HAProxy's {@code cookie SERVERID insert} do); off,
 *                       requests go round-robin, those of one Engine.IO session included
 * @param forwardUpgrade pass WebSocket upgrades (HTTP/1.1, {@code Upgrade} and {@code Connection} forwarded); off,
 *                       nginx's default of HTTP/1.0 without those headers
 * @param pathPrefix     serve the application under this prefix only (e.g. {@code /chat}), stripped on the way in
 * @param gatewayKey     refuse (401) any request without {@code X-Gateway-Key: <key>}, as an API gateway does
 */
record ProxySetup(boolean stickySessions, boolean forwardUpgrade, Optional<String> pathPrefix,
                  Optional<String> gatewayKey) {

    static final String GATEWAY_HEADER = "X-Gateway-Key";

    /** What a correct deployment does: sticky sessions, upgrades passed, no prefix, a gateway key. */
    static ProxySetup good(String gatewayKey) {
        return new ProxySetup(true, true, Optional.empty(), Optional.of(gatewayKey));
    }

    ProxySetup withoutStickySessions() {
        return new ProxySetup(false, forwardUpgrade, pathPrefix, gatewayKey);
    }

    ProxySetup withoutUpgrade() {
        return new ProxySetup(stickySessions, false, pathPrefix, gatewayKey);
    }

    ProxySetup underPrefix(String prefix) {
        return new ProxySetup(stickySessions, forwardUpgrade, Optional.of(prefix), gatewayKey);
    }

    /** The nginx configuration: TLS on {@code port} with the given files, the nodes on {@code nodePorts}. */
    String render(Path dir, int port, List<Integer> nodePorts, Path certificate, Path key) {
        StringBuilder conf = new StringBuilder();
        conf.append("daemon off;\nmaster_process off;\nworker_processes 1;\n")
                .append("pid ").append(dir.resolve("nginx.pid")).append(";\n")
                .append("error_log ").append(dir.resolve("error.log")).append(" warn;\n")
                .append("events { worker_connections 1024; }\n")
                .append("http {\n")
                .append("  access_log ").append(dir.resolve("access.log")).append(";\n");
        for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            conf.append("  ").append(temp).append("_temp_path ").append(dir.resolve(temp)).append(";\n");
        }
        conf.append("  upstream chat_any {\n");
        nodePorts.forEach(p -> conf.append("    server 127.0.0.1:").append(p).append(";\n"));
        conf.append("  }\n");
        for (int i = 0; i < nodePorts.size(); i++) {
            conf.append("  upstream chat_node").append(i).append(" { server 127.0.0.1:").append(nodePorts.get(i))
                    .append("; }\n");
        }
        if (stickySessions) {
            // A client's first request goes round-robin; the answer's cookie names the node, later ones go there.
            conf.append("  map $cookie_chatnode $chat_pool {\n    default chat_any;\n");
            for (int i = 0; i < nodePorts.size(); i++) {
                conf.append("    node").append(i).append(" chat_node").append(i).append(";\n");
            }
            conf.append("  }\n  map $upstream_addr $chat_served_by {\n    default \"\";\n");
            for (int i = 0; i < nodePorts.size(); i++) {
                conf.append("    127.0.0.1:").append(nodePorts.get(i)).append(" node").append(i).append(";\n");
            }
            conf.append("  }\n");
        }
        conf.append("  map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n")
                .append("  server {\n")
                .append("    listen 127.0.0.1:").append(port).append(" ssl;\n")
                .append("    ssl_certificate ").append(certificate).append(";\n")
                .append("    ssl_certificate_key ").append(key).append(";\n")
                // The server's maxPayload (1,000,000 bytes, §1.4): nginx refuses a bigger body itself (413). Let
                // through, the server answers 413 and closes before nginx has sent it all, which nginx reports as
                // 502: the conformance suite's oversize polling POST found that.
                .append("    client_max_body_size 1000000;\n");
        gatewayKey.ifPresent(k -> conf.append("    if ($http_x_gateway_key != \"").append(k)
                .append("\") { return 401 '{\"error\":\"missing gateway key\"}'; }\n"));
        String location = pathPrefix.map(p -> p + "/").orElse("/");
        conf.append("    location ").append(location).append(" {\n");
        // The prefix is stripped on the way in, as a gateway that mounts the application under it does.
        pathPrefix.ifPresent(p -> conf.append("      rewrite ^").append(p).append("(/.*)$ $1 break;\n"));
        conf.append("      proxy_pass http://").append(stickySessions ? "$chat_pool" : "chat_any").append(";\n")
                .append("      proxy_set_header Host $host;\n")
                .append("      proxy_read_timeout 60s;\n");
        if (forwardUpgrade) {
            conf.append("      proxy_http_version 1.1;\n")
                    .append("      proxy_set_header Upgrade $http_upgrade;\n")
                    .append("      proxy_set_header Connection $connection_upgrade;\n");
        }
        if (stickySessions) {
            conf.append("      add_header Set-Cookie \"chatnode=$chat_served_by; Path=/; HttpOnly; Secure\" always;\n");
        }
        conf.append("    }\n  }\n}\n");
        return conf.toString();
    }
}
