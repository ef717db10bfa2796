import COpenSSL
import Foundation

/// An X.509 certificate whose key is SM2 (GM/T 0015): a USB key's login certificate, a seal keeper's
/// certificate, the platform's 印章制作 authority. Read, checked against its issuer, and — for the platform's own
/// authority — made here.
public struct SM2Certificate: Sendable, Hashable {
    /// The certificate, DER.
    public let derRepresentation: Data

    public init(derRepresentation der: Data) throws {
        derRepresentation = der
        _ = try Self.parse(der)  // refuse what is not a certificate now, not at first use
    }

    /// `-----BEGIN CERTIFICATE-----` (the first one in the text).
    public init(pemRepresentation pem: String) throws {
        let decoded = try OpenSSLBytes.withReadBIO(Data(pem.utf8)) { PEM_read_bio_X509($0, nil, nil, nil) }
        guard let decoded else { throw GuomiError("x509.read") }
        defer { X509_free(decoded) }
        derRepresentation = try OpenSSLBytes.der("x509.read") { i2d_X509(decoded, $0) }
    }

    public var pemRepresentation: String {
        let base64 = derRepresentation.base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }

    /// SM3 of the DER, lowercase hex: how a binding names the certificate.
    public var fingerprint: String { SM3.hash(derRepresentation).guomiHex }

    public var subject: Name { read { Name(X509_get_subject_name($0)) } }
    public var issuer: Name { read { Name(X509_get_issuer_name($0)) } }

    /// The serial number, uppercase hex.
    public var serialNumber: String {
        read { x509 in
            guard let number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x509), nil) else { return "" }
            defer { BN_free(number) }
            guard let text = BN_bn2hex(number) else { return "" }
            defer { zt_openssl_free(text) }
            return String(cString: text)
        }
    }

    public var notBefore: Date { read { Self.date(X509_get0_notBefore($0)) } }
    public var notAfter: Date { read { Self.date(X509_get0_notAfter($0)) } }

    /// Whether the certificate may issue others (basicConstraints CA:TRUE).
    public var isAuthority: Bool { read { X509_check_ca($0) > 0 } }

    /// The subject's key; throws when it is not SM2.
    public func publicKey() throws -> SM2.PublicKey {
        try read { x509 in
            guard let key = X509_get_pubkey(x509) else { throw GuomiError("x509.public_key") }
            return SM2.PublicKey(key: try SM2.requireSM2(key, "x509.public_key"))
        }
    }

    /// Whether `issuer`'s key signed this certificate (SM2 with SM3 under the default ID).
    public func isSigned(by issuer: SM2Certificate) -> Bool {
        guard let issuerKey = try? issuer.publicKey(), let x509 = try? Self.parse(derRepresentation) else { return false }
        defer { X509_free(x509) }
        guard let id = ASN1_OCTET_STRING_new() else { return false }
        // X509 takes the ID (set0): it is freed with the certificate.
        let idSet = SM2.defaultID.withUnsafeBytes { ASN1_OCTET_STRING_set(id, $0.bindMemory(to: UInt8.self).baseAddress, Int32($0.count)) }
        guard idSet == 1 else { ASN1_OCTET_STRING_free(id); return false }
        X509_set0_distinguishing_id(x509, id)
        let verified = X509_verify(x509, issuerKey.key.pointer)
        _ = GuomiError.lastOpenSSLError()
        return verified == 1
    }

    /// A certificate's distinguished name, the parts this platform reads.
    public struct Name: Sendable, Hashable {
        public var commonName: String?
        public var organization: String?
        public var organizationalUnit: String?
        /// The whole name in OpenSSL's one-line RFC 2253 form, for display and comparison.
        public var text: String

        public init(commonName: String? = nil, organization: String? = nil, organizationalUnit: String? = nil) {
            self.commonName = commonName
            self.organization = organization
            self.organizationalUnit = organizationalUnit
            text = [organizationalUnit.map { "OU=\($0)" }, organization.map { "O=\($0)" }, commonName.map { "CN=\($0)" }]
                .compactMap { $0 }.joined(separator: ",")
        }

        init(_ name: OpaquePointer?) {
            func entry(_ nid: Int32) -> String? {
                guard let name else { return nil }
                let index = X509_NAME_get_index_by_NID(name, nid, -1)
                guard index >= 0, let data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index)) else { return nil }
                var out: UnsafeMutablePointer<UInt8>?
                let length = ASN1_STRING_to_UTF8(&out, data)
                guard length >= 0, let out else { return nil }
                defer { zt_openssl_free(out) }
                return String(decoding: UnsafeBufferPointer(start: out, count: Int(length)), as: UTF8.self)
            }
            commonName = entry(NID_commonName)
            organization = entry(NID_organizationName)
            organizationalUnit = entry(NID_organizationalUnitName)
            text = (try? OpenSSLBytes.writing("x509.name") { bio in
                X509_NAME_print_ex(bio, name, 0, zt_name_flags()) >= 0 ? 1 : 0
            }).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
    }

    // MARK: - Reading

    /// A fresh OpenSSL X509 from the DER (the caller frees it).
    static func parse(_ der: Data) throws -> OpaquePointer {
        let decoded: OpaquePointer? = der.withUnsafeBytes { raw in
            var cursor = raw.bindMemory(to: UInt8.self).baseAddress
            return d2i_X509(nil, &cursor, raw.count)
        }
        guard let decoded else { throw GuomiError("x509.read") }
        return decoded
    }

    private func read<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        // The DER was parsed once in init, so it parses again.
        let x509 = try! Self.parse(derRepresentation)
        defer { X509_free(x509) }
        return try body(x509)
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date {
        var parts = tm()
        guard let time, ASN1_TIME_to_tm(time, &parts) == 1 else { return .distantPast }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
