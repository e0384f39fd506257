package io.latent4j.viz;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.impl.VertxInternal;
import org.deeplearning4j.ui.VertxUIServer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;

/**
 * DL4J's UI server, listening on one address instead of all of them.
 *
 * <p>In 1.0.0-M2.1 {@link VertxUIServer#start} calls {@code vertx.createHttpServer().listen(port, handler)},
 * and Vert.x 3.9 binds that overload to {@code 0.0.0.0}; neither has an address setting. This
 * subclass hands the verticle a {@link Vertx} whose HTTP servers turn exactly that call into
 * {@code listen(port, host, handler)}. Any other {@code listen} overload fails loudly, so a DL4J
 * upgrade that changes how the server starts cannot silently fall back to all interfaces.
 */
final class LoopbackUiServer extends VertxUIServer {
    private final String host;
    private final int port;

    LoopbackUiServer(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void init(Vertx vertx, Context context) {
        super.init(boundTo(vertx), context);
    }

    private Vertx boundTo(Vertx vertx) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(vertx, method, args);
            return method.getName().equals("createHttpServer") ? boundTo((HttpServer) result) : result;
        };
        // VertxInternal too: parts of Vert.x cast the instance they are given.
        return (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {VertxInternal.class}, handler);
    }

    private HttpServer boundTo(HttpServer server) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("listen")) {
                listenOnHost(server, method, args);
                return proxy;
            }
            Object result = invoke(server, method, args);
            return result == server ? proxy : result;
        };
        return (HttpServer) Proxy.newProxyInstance(HttpServer.class.getClassLoader(), new Class<?>[] {HttpServer.class}, handler);
    }

    @SuppressWarnings("unchecked")
    private void listenOnHost(HttpServer server, Method method, Object[] args) {
        if (!Arrays.equals(method.getParameterTypes(), new Class<?>[] {int.class, Handler.class})) {
            throw new IllegalStateException("DL4J's UI server started with an unexpected listen"
                    + Arrays.toString(method.getParameterTypes()) + "; latent4j cannot bind it to " + host);
        }
        server.listen(port, host, (Handler<AsyncResult<HttpServer>>) args[1]);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
