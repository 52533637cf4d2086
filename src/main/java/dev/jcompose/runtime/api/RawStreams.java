package dev.jcompose.runtime.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;

/** Blocking streams over a hijacked connection: client bytes in, raw output out. */
final class RawStreams {
    private static final byte[] EOF = new byte[0];
    private final ChannelHandlerContext ctx;
    private final LinkedBlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();

    RawStreams(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    ChannelInboundHandler inbound() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) {
                if (msg instanceof ByteBuf b) {
                    byte[] data = new byte[b.readableBytes()];
                    b.readBytes(data);
                    b.release();
                    incoming.add(data);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext c) {
                incoming.add(EOF);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext c, Object evt) {
                if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                    incoming.add(EOF); // the client closed its write side: stdin ended
                }
            }
        };
    }

    /** Bytes the client sent before this handler was in place. */
    void received(byte[] data) {
        incoming.add(data);
    }

    /** The client's input has ended (its half-close was seen before this handler was in place). */
    void endOfInput() {
        incoming.add(EOF);
    }

    InputStream in() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int pos;
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos >= current.length) {
                    if (ended) {
                        return -1;
                    }
                    try {
                        current = incoming.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                    pos = 0;
                    if (current == EOF) {
                        ended = true;
                        return -1;
                    }
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    OutputStream out() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!ctx.channel().isActive()) {
                    throw new IOException("client disconnected");
                }
                var f = ctx.writeAndFlush(Unpooled.copiedBuffer(b, off, len));
                f.awaitUninterruptibly();
                if (!f.isSuccess()) {
                    throw new IOException("client disconnected", f.cause());
                }
            }
        };
    }
}
