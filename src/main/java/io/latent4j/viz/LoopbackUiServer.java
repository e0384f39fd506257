package io.latent4j.viz;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import org.deeplearning4j.ui.VertxUIServer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Set;

/**
 * DL4J's UI server, listening on one address instead of all of them, and answering only requests
 * addressed to this machine's loopback name (see {@link #guarded}).
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

    @SuppressWarnings("unchecked")
    private HttpServer boundTo(HttpServer server) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("listen")) {
                listenOnHost(server, method, args);
                return proxy;
            }
            if (method.getName().equals("requestHandler")) {
                server.requestHandler(guarded((Handler<HttpServerRequest>) args[0]));
                return proxy;
            }
            Object result = invoke(server, method, args);
            return result == server ? proxy : result;
        };
        return (HttpServer) Proxy.newProxyInstance(HttpServer.class.getClassLoader(), new Class<?>[] {HttpServer.class}, handler);
    }

    /**
     * DL4J's handler behind two checks. A request whose Host (HTTP/2: authority) is not this machine's loopback name is a
     * DNS-rebinding attack from some web site (403). DL4J stores any {@code /setlang/X} as the
     * language and then fails every page until it is set back, so only its languages pass (404).
     */
    private static Handler<HttpServerRequest> guarded(Handler<HttpServerRequest> dl4j) {
        return request -> {
            if (!LoopbackHosts.allowed(request.host())) {
                request.response().setStatusCode(403).end("Forbidden: the training UI answers only to localhost\n");
            } else if (request.path() != null && request.path().startsWith(SET_LANGUAGE) && !isLanguage(request.path())) {
                request.response().setStatusCode(404).end("Not found: no such language\n");
            } else {
                dl4j.handle(request);
            }
        };
    }

    private static final String SET_LANGUAGE = "/setlang/";

    /**
     * The languages of DL4J 1.0.0-M2.1's UI (its {@code dl4j_i18n} resources). DL4J has no list of
     * them, and asking it for the messages of another language fails inside it.
     */
    static final Set<String> LANGUAGES = Set.of("de", "en", "ja", "ko", "ru", "zh");

    /** Whether the last path segment names a language DL4J's UI has. */
    private static boolean isLanguage(String path) {
        return LANGUAGES.contains(path.substring(path.lastIndexOf('/') + 1));
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
