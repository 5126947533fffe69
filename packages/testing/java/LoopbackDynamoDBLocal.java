// Starts AWS's DynamoDB Local bound to 127.0.0.1 only.
//
// `java -jar DynamoDBLocal.jar` binds Jetty to every interface, which exposes a test database
// (no authentication) to the network. DynamoDB Local has no flag for the host, so this launcher
// builds the server through DynamoDB Local's own API with the usual command-line flags, sets
// the host on Jetty's connectors before the server starts, then starts it.
//
// It also stops when its standard input closes, so the database never outlives the Node
// process that spawned it, even if that process is killed with SIGKILL.

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.InputStream;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;

public final class LoopbackDynamoDBLocal {
  private static final String HOST = "127.0.0.1";
  /** Exit code the Node launcher reads as "port in use" (it then retries on another port). */
  private static final int EXIT_BIND_FAILED = 3;

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException) return true;
    }
    return false;
  }

  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);

    // DynamoDBProxyServer keeps its Jetty server in a private field and offers no setter.
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);

    int bound = 0;
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof AbstractNetworkConnector) {
        ((AbstractNetworkConnector) connector).setHost(HOST);
        bound++;
      }
    }
    if (bound == 0) {
      // Never fall back to listening on every interface.
      System.err.println("LoopbackDynamoDBLocal: no network connector found; refusing to start");
      System.exit(2);
    }

    // DynamoDBProxyServer.start() reports a failed bind (port in use) on stdout and returns
    // normally, so check that Jetty really runs before announcing the port.
    try {
      proxy.start();
    } catch (Exception e) {
      // Jetty's threads are already running and would keep the JVM alive: exit explicitly.
      e.printStackTrace();
      System.exit(isBindFailure(e) ? EXIT_BIND_FAILED : 1);
    }
    int port = -1;
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof NetworkConnector) {
        port = Math.max(port, ((NetworkConnector) connector).getLocalPort());
      }
    }
    if (!jetty.isStarted() || port <= 0) {
      System.err.println("LoopbackDynamoDBLocal: the server did not start (port in use?)");
      System.exit(EXIT_BIND_FAILED);
    }
    // The Node launcher waits for this exact line.
    System.out.println("LoopbackDynamoDBLocal: listening on " + HOST + ":" + port);
    System.out.flush();

    Thread watcher = new Thread(() -> {
      try {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) != -1) {
          // Input is ignored; only its end matters.
        }
      } catch (Exception ignored) {
        // A broken pipe means the parent is gone: stop as on end of input.
      }
      try {
        proxy.stop();
      } catch (Exception ignored) {
        // Exiting anyway.
      }
      System.exit(0);
    }, "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();

    proxy.join();
  }
}
