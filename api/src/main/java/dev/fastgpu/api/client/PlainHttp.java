package dev.fastgpu.api.client;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * The TLS context of a {@link FastGpuClient} for a plain-HTTP server: it is never used, and it
 * refuses any certificate. Handing the JDK client this one spares it building the default context
 * (see {@code FastGpuClient.httpClient}).
 */
final class PlainHttp implements X509TrustManager {
    static final SSLContext TLS = context();

    private PlainHttp() {}

    private static SSLContext context() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(new KeyManager[0], new TrustManager[]{new PlainHttp()}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this client was made for a plain-HTTP server");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this client was made for a plain-HTTP server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
