package dev.jcompose.runtime.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The Docker Engine API served over a unix socket with Netty (epoll domain sockets). Handlers run on virtual
 * threads, so they may block on disk and runc; the event loop only moves bytes.
 */
public final class ApiServer implements AutoCloseable {
    /** The API version we implement and announce; clients negotiate down to it. */
    public static final String API_VERSION = "1.41";
    public static final String MIN_API_VERSION = "1.12";

    private final EventLoopGroup group;
    private final Channel channel;
    private final Path socket;

    private ApiServer(EventLoopGroup group, Channel channel, Path socket) {
        this.group = group;
        this.channel = channel;
        this.socket = socket;
    }

    /** Binds the socket (replacing a stale socket file) with mode 0660 and starts serving. */
    public static ApiServer start(Path socket, Router router, Path spoolDir) throws IOException {
        Files.createDirectories(socket.toAbsolutePath().getParent());
        Files.createDirectories(spoolDir);
        Files.deleteIfExists(socket);
        EventLoopGroup group = new EpollEventLoopGroup(2);
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerDomainSocketChannel.class)
                    // the docker CLI half-closes a hijacked attach at once when it sends no stdin: that must not
                    // close the connection before the output has been streamed
                    .childOption(io.netty.channel.ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel c) {
                            c.pipeline().addLast("http", new HttpServerCodec(16 * 1024, 64 * 1024, 1024 * 1024));
                            c.pipeline().addLast("api", new HttpConnectionHandler(router, spoolDir));
                        }
                    })
                    .bind(new DomainSocketAddress(socket.toFile()))
                    .sync()
                    .channel();
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
            return new ApiServer(group, ch, socket);
        } catch (InterruptedException e) {
            group.shutdownGracefully();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + socket, e);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            throw new IOException("cannot listen on " + socket + ": " + e.getMessage(), e);
        }
    }

    public Path socket() {
        return socket;
    }

    /** Blocks until the server channel closes. */
    public void awaitClose() throws InterruptedException {
        channel.closeFuture().sync();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // a stale socket file is replaced at the next start
        }
    }
}
