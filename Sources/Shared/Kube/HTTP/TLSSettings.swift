import CCurl

/// How to trust the server and identify the client, from a kubeconfig or the in-cluster files.
public struct TLSSettings: Sendable {
    public enum Source: Sendable {
        case file(String)
        case data([UInt8])
    }

    public var certificateAuthority: Source?
    public var clientCertificate: Source?
    public var clientKey: Source?
    public var insecureSkipVerify: Bool

    public init(certificateAuthority: Source? = nil, clientCertificate: Source? = nil, clientKey: Source? = nil, insecureSkipVerify: Bool = false) {
        self.certificateAuthority = certificateAuthority
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.insecureSkipVerify = insecureSkipVerify
    }

    func apply(to easy: UnsafeMutableRawPointer) throws(KubeError) {
        var ok = true
        func set(_ source: Source?, file: CURLoption, blob: CURLoption) {
            switch source {
            case .none: return
            case .file(let path): ok = ok && ccurl_setopt_str(easy, file, path) == CURLE_OK
            case .data(var bytes):
                ok = ok && bytes.withUnsafeMutableBytes { ccurl_setopt_blob_copy(easy, blob, $0.baseAddress, $0.count) } == CURLE_OK
            }
        }
        set(certificateAuthority, file: CURLOPT_CAINFO, blob: CURLOPT_CAINFO_BLOB)
        set(clientCertificate, file: CURLOPT_SSLCERT, blob: CURLOPT_SSLCERT_BLOB)
        set(clientKey, file: CURLOPT_SSLKEY, blob: CURLOPT_SSLKEY_BLOB)
        if insecureSkipVerify {
            ok = ok && ccurl_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0) == CURLE_OK
            ok = ok && ccurl_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0) == CURLE_OK
        }
        if !ok { throw KubeError(.configuration, "libcurl refused the TLS settings (CA, client certificate or key)") }
    }
}
