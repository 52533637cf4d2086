package dev.jcompose.runtime.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a connection's raw bytes between the end of a request that may be hijacked (attach, exec start) and the
 * moment the session takes the connection over. The HTTP decoder is taken out as soon as such a request is
 * complete: a client that sends its stdin (and half-closes) right away must not have those bytes parsed as the
 * next request, nor its end of input seen only by handlers that are about to go.
 */
final class HijackBuffer extends ChannelInboundHandlerAdapter {
    private final List<byte[]> chunks = new ArrayList<>();
    private boolean ended;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf b) {
            byte[] data = new byte[b.readableBytes()];
            b.readBytes(data);
            chunks.add(data);
        }
        io.netty.util.ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            ended = true;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ended = true;
    }

    /** What came so far, in order; call on the event loop. */
    List<byte[]> chunks() {
        return List.copyOf(chunks);
    }

    boolean ended() {
        return ended;
    }
}
