package dev.chatharness.socketio.engine;

import dev.chatharness.socketio.HandshakeRequest;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport's door: a servlet filter on the engine's path that takes the WebSocket upgrade requests
 * (every other request goes on to Javalin's polling routes). It validates them like polling requests and refuses
 * with the same JSON errors before anything is upgraded, then upgrades through Jetty with a {@link JettyWebSocket}
 * as the endpoint, for a new session or as the probe of an existing one.
 *
 * <p>Not a Javalin {@code ws} route: Javalin does not pass WebSocket pongs on, and the upgrade needs them
 * ({@link ClientOrder}). Per connection, permessage-deflate is refused here unless enabled, so other WebSocket
 * endpoints of the same app keep their own choice.
 */
final class WebSocketTransport implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTransport.class);

    private final EngineServer server;
    private final String path;
    private volatile JettyWebSocketServerContainer container;

    WebSocketTransport(EngineServer server, String path) {
        this.server = server;
        this.path = path;
    }

    void install(JavalinConfig config) {
        String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        config.jetty.modifyServletContextHandler(context -> context.addFilter(new FilterHolder(this), prefix + "/*",
                EnumSet.of(DispatcherType.REQUEST)));
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        container = JettyWebSocketServerContainer.getContainer(config.getServletContext());
        if (container == null) {
            throw new ServletException("no Jetty WebSocket container in this context");
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade")) || !onEnginePath(request)) {
            chain.doFilter(req, res);
            return;
        }
        try {
            upgrade(request, response);
        } catch (EngineRequestException e) {
            respondError(response, e.error);
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure handling a websocket upgrade", e);
            respondError(response, EngineError.BAD_REQUEST);
        }
    }

    private boolean onEnginePath(HttpServletRequest request) {
        String target = request.getRequestURI().substring(request.getContextPath().length());
        return target.equals(path) || (target + "/").equals(path);
    }

    private void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (server.isClosed()) {
            throw new EngineRequestException(EngineError.BAD_REQUEST);
        }
        Map<String, String> query = EngineRequests.query(request);
        if (!"websocket".equals(EngineRequests.transport(query))) {
            throw new EngineRequestException(EngineError.BAD_REQUEST);
        }
        String sid = query.get("sid");
        JettyWebSocket socket;
        if (sid == null) {
            HandshakeRequest handshake = EngineRequests.handshake(request, query);
            if (!server.options().requestFilter().allow(handshake)) {
                throw new EngineRequestException(EngineError.FORBIDDEN);
            }
            socket = new JettyWebSocket(server, handshake, EngineRequests.url(request));
        } else {
            EngineSession session = server.registry().get(sid);
            if (session == null) {
                throw new EngineRequestException(EngineError.UNKNOWN_SID);
            }
            // One that may not probe (the session already upgraded, ...) is still accepted, then closed, as the
            // reference does: JettyWebSocket.accepted decides.
            socket = new JettyWebSocket(server, session);
        }
        boolean upgraded = container.upgrade((upgradeRequest, upgradeResponse) -> {
            if (!server.options().perMessageDeflate()) {
                upgradeResponse.setExtensions(List.of()); // Socket.IO servers keep it off: every frame would pay
            }
            socket.accepted();
            return socket;
        }, request, response);
        if (!upgraded) {
            throw new EngineRequestException(EngineError.BAD_REQUEST); // not a valid WebSocket handshake
        }
    }

    private static void respondError(HttpServletResponse response, EngineError error) throws IOException {
        if (!response.isCommitted()) {
            EngineRequests.respondError(response, error);
        }
    }
}
