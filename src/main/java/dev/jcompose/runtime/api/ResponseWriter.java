package dev.jcompose.runtime.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;

/** Writes an {@link ApiResponse} to the connection; runs on the request's virtual thread. */
final class ResponseWriter {
    private final ChannelHandlerContext ctx;
    private final HttpRequest request;
    private final boolean keepAlive;
    private final HijackBuffer hijackBuffer;

    ResponseWriter(ChannelHandlerContext ctx, HttpRequest request, boolean keepAlive, HijackBuffer hijackBuffer) {
        this.ctx = ctx;
        this.request = request;
        this.keepAlive = keepAlive;
        this.hijackBuffer = hijackBuffer;
    }

    private java.util.Map<String, String> extraHeaders = java.util.Map.of();

    void write(ApiResponse response, boolean head) {
        switch (response) {
            case ApiResponse.WithHeaders w -> {
                extraHeaders = w.headers();
                write(w.response(), head);
            }
            case ApiResponse.Full f -> full(f, head);
            case ApiResponse.Streamed s -> streamed(s);
            case ApiResponse.Hijacked h -> hijacked(h);
        }
    }

    private void standardHeaders(HttpHeaders h) {
        extraHeaders.forEach(h::set);
        h.set("Api-Version", ApiServer.API_VERSION);
        h.set("Docker-Experimental", "false");
        h.set("Ostype", "linux");
        h.set(HttpHeaderNames.SERVER, "jcompose-engine");
    }

    private void full(ApiResponse.Full f, boolean head) {
        DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(f.status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(f.body()));
        standardHeaders(r.headers());
        if (f.contentType() != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, f.contentType());
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, head ? 0 : f.body().length);
        finish(ctx.writeAndFlush(r));
    }

    private void finish(io.netty.channel.ChannelFuture future) {
        if (keepAlive) {
            future.addListener(f -> ctx.channel().config().setAutoRead(true));
            future.addListener(f -> ctx.read());
        } else {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void streamed(ApiResponse.Streamed s) {
        DefaultHttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(s.status()));
        standardHeaders(r.headers());
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, s.contentType());
        r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ctx.writeAndFlush(r);
        try (OutputStream out = new ChunkStream(ctx)) {
            s.writer().write(out);
        } catch (IOException | RuntimeException e) {
            // the client went away, or the stream failed midway: nothing more can be said over HTTP
            ctx.close();
            return;
        }
        finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
    }

    private void hijacked(ApiResponse.Hijacked h) {
        DefaultHttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, new HttpResponseStatus(101, "UPGRADED"));
        standardHeaders(r.headers());
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, h.contentType());
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        r.headers().set(HttpHeaderNames.UPGRADE, "tcp");
        boolean upgrade = request.headers().contains(HttpHeaderNames.UPGRADE);
        if (!upgrade) {
            // Old-style hijack without Upgrade: a 200 whose body is the raw stream.
            r.setStatus(HttpResponseStatus.OK);
            r.headers().remove(HttpHeaderNames.UPGRADE).remove(HttpHeaderNames.CONNECTION);
        }
        RawStreams raw = new RawStreams(ctx);
        ctx.writeAndFlush(r).syncUninterruptibly();
        // On the event loop, so no byte or end of input falls between the buffer and the raw handler.
        ctx.executor().submit(() -> {
            if (hijackBuffer != null) {
                hijackBuffer.chunks().forEach(raw::received);
                if (hijackBuffer.ended()) {
                    raw.endOfInput();
                }
                ctx.pipeline().replace("hijack", "raw", raw.inbound());
                ctx.pipeline().remove("api");
            } else {
                // Raw handler first: removing the codec hands its already-buffered bytes to the next handler.
                ctx.pipeline().replace("api", "raw", raw.inbound());
            }
            ctx.pipeline().remove("http");
            ctx.channel().config().setAutoRead(true);
        }).syncUninterruptibly();
        try {
            h.session().run(raw.in(), raw.out());
        } catch (IOException | RuntimeException e) {
            // the peer hung up; nothing to report
        } finally {
            ctx.close();
        }
    }

    /** Each write becomes one HTTP chunk; writes block until the chunk is flushed (back-pressure). */
    private static final class ChunkStream extends OutputStream implements ApiResponse.ClientAware {
        private final ChannelHandlerContext ctx;

        ChunkStream(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public boolean clientConnected() {
            return ctx.channel().isActive();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            if (!ctx.channel().isActive()) {
                throw new IOException("client disconnected");
            }
            var f = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(b, off, len)));
            f.awaitUninterruptibly();
            if (!f.isSuccess()) {
                throw new IOException("client disconnected", f.cause());
            }
        }
    }
}
