package dev.jcompose.runtime.api;

import dev.jcompose.runtime.RuntimeError;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one request at a time from a connection (Docker clients do not pipeline), spools its body, runs the
 * handler on a virtual thread and writes the response through {@link ResponseWriter}. Reading pauses while a
 * request is handled so a hijacked connection's bytes are not parsed as HTTP.
 */
final class HttpConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)$");
    /** Requests whose response may hijack the connection (attach, exec start). */
    private static final Pattern HIJACKABLE = Pattern.compile("^(/v[0-9.]+)?/(containers/[^/]+/attach|exec/[^/]+/start)$");
    /** Bodies above this go to a temp file: image archives and build contexts can be gigabytes. */
    private static final int MEMORY_LIMIT = 1024 * 1024;

    private final Router router;
    private final Path spoolDir;
    /**
     * One request at a time per connection, in arrival order: a pipelining client gets its responses in request
     * order. Chained futures, never a lock, so the event loop never blocks.
     */
    private java.util.concurrent.CompletableFuture<Void> tail = java.util.concurrent.CompletableFuture.completedFuture(
            null);
    private static final java.util.concurrent.Executor HANDLERS = command -> Thread.ofVirtual().name("api-", 0)
            .start(command);
    private HttpRequest request;
    private ByteArrayOutputStream memory;
    private Path spoolFile;
    private OutputStream spool;

    HttpConnectionHandler(Router router, Path spoolDir) {
        this.router = router;
        this.spoolDir = spoolDir;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        try {
            if (msg instanceof HttpRequest r) {
                request = r;
                memory = new ByteArrayOutputStream();
                spoolFile = null;
                spool = null;
            }
            if (msg instanceof HttpContent c && request != null) {
                append(c.content());
                if (c instanceof LastHttpContent) {
                    HttpRequest r = request;
                    request = null;
                    ctx.channel().config().setAutoRead(false);
                    ApiRequest api = toApiRequest(r);
                    HijackBuffer hijack = hijackable(r, api) ? takeOverInput(ctx) : null;
                    tail = tail.exceptionally(e -> null).thenRunAsync(() -> dispatch(ctx, r, api, hijack), HANDLERS);
                }
            }
        } finally {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    /**
     * A request whose client asked to take the connection over (`Upgrade: tcp`, as the docker CLI, docker-py and
     * docker-java's hijacking executor send for attach and exec start with stdin). Only then does the decoder go.
     * Without the header the client reads a plain streamed answer and returns the connection to its pool
     * (docker-java's exec without stdin, a detached exec start): the connection must stay a working HTTP one, or
     * the client's next request on it fails with a broken pipe.
     */
    private static boolean hijackable(HttpRequest r, ApiRequest api) {
        return r.headers().contains(io.netty.handler.codec.http.HttpHeaderNames.UPGRADE)
                && HIJACKABLE.matcher(new QueryStringDecoder(r.uri()).rawPath()).matches();
    }

    /**
     * On the event loop, inside the decoder's own callback: the decoder goes (what it had not parsed moves on to
     * the buffer), the encoder stays for the response.
     */
    private static HijackBuffer takeOverInput(ChannelHandlerContext ctx) {
        HijackBuffer buffer = new HijackBuffer();
        ctx.pipeline().addAfter("http", "hijack", buffer);
        ((io.netty.handler.codec.http.HttpServerCodec) ctx.pipeline().get("http")).removeInboundHandler();
        return buffer;
    }

    private void append(ByteBuf buf) throws IOException {
        int n = buf.readableBytes();
        if (n == 0) {
            return;
        }
        if (spool == null && memory.size() + n > MEMORY_LIMIT) {
            spoolFile = Files.createTempFile(spoolDir, "body-", ".tmp");
            spool = Files.newOutputStream(spoolFile);
            memory.writeTo(spool);
            memory = null;
        }
        OutputStream target = spool != null ? spool : memory;
        buf.readBytes(target, n);
    }

    private ApiRequest toApiRequest(HttpRequest r) throws IOException {
        QueryStringDecoder q = new QueryStringDecoder(r.uri());
        String path = q.rawPath();
        String version = ApiServer.API_VERSION;
        Matcher m = VERSION_PREFIX.matcher(path);
        if (m.matches()) {
            version = m.group(1);
            path = m.group(2);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        r.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
        Map<String, List<String>> query = new LinkedHashMap<>(q.parameters());
        if (spool != null) {
            spool.close();
            return new ApiRequest(r.method().name(), path, version, query, Map.of(), headers, null, spoolFile);
        }
        return new ApiRequest(r.method().name(), path, version, query, Map.of(), headers, memory.toByteArray(),
                null);
    }

    private void dispatch(ChannelHandlerContext ctx, HttpRequest raw, ApiRequest api, HijackBuffer hijack) {
        ApiResponse response;
        // without its decoder the connection cannot carry another request
        boolean keepAlive = HttpUtil.isKeepAlive(raw) && hijack == null;
        try {
            Router.Match match = router.match(api.method(), api.path());
            ApiRequest withParams = new ApiRequest(api.method(), api.path(), api.apiVersion(), api.query(),
                    match.params(), api.headers(), api.smallBody(), api.bodyFile());
            response = match.handler().handle(withParams);
        } catch (RuntimeError e) {
            response = ApiResponse.json(e.status(), Map.of("message", e.getMessage()));
        } catch (Exception e) {
            response = ApiResponse.json(500, Map.of("message", String.valueOf(e.getMessage() == null
                    ? e.toString() : e.getMessage())));
        } finally {
            if (api.bodyFile() != null) {
                try {
                    Files.deleteIfExists(api.bodyFile());
                } catch (IOException ignored) {
                    // temp spool files are also removed at daemon start
                }
            }
        }
        new ResponseWriter(ctx, raw, keepAlive, hijack).write(response, "HEAD".equals(api.method()));
    }

    /** A client that half-closes between requests is done with the connection (half-closure is allowed for hijacks). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent && request == null
                && ctx.channel().config().isAutoRead()) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
