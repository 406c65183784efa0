package io.ckafkamigrator.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes exactly as given to an HTTP port and reads the status code, so a test can send
 * what no well-behaved client would: raw dot segments, non-ASCII, broken headers, bad methods.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** No answer within the time allowed. */
    public static final int NO_ANSWER = -2;

    /** The server closed the connection without an answer. */
    public static final int CLOSED = -1;

    /**
     * The status code of the answer, {@link #CLOSED} or {@link #NO_ANSWER} (30 s). The sending
     * side stays open: a server may drop a connection its client half-closed before answering.
     */
    public static int send(int port, byte[] request) throws IOException {
        return send(port, request, false);
    }

    /** As {@link #send(int, byte[])}, then closes the sending side: a client giving up mid-request. */
    public static int sendAndGiveUp(int port, byte[] request) throws IOException {
        return send(port, request, true);
    }

    private static int send(int port, byte[] request, boolean giveUp) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            if (giveUp) {
                socket.shutdownOutput();
            }
            return statusCode(socket.getInputStream());
        }
    }

    private static int statusCode(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && line.size() < 200) {
                line.write(b);
            }
        } catch (SocketTimeoutException e) {
            return line.size() == 0 ? NO_ANSWER : CLOSED;
        } catch (java.net.SocketException e) {
            return CLOSED;
        }
        String status = line.toString(StandardCharsets.ISO_8859_1);
        if (!status.startsWith("HTTP/") || status.length() < 12) {
            return CLOSED;
        }
        return Integer.parseInt(status.substring(9, 12));
    }
}
