import COpenSSL
import Foundation

extension SM2Certificate {
    /// What a certificate is for: an authority that issues others, or an end entity that signs (a seal key, a
    /// person's key).
    public enum Kind: Sendable {
        case authority
        case signer
    }

    /// A certificate for `subject`'s `publicKey`, signed with `issuerKey` (SM2 with SM3, default ID); self-signed
    /// when `issuer` is nil (the platform's 印章制作 authority).
    public static func issue(subject: Name, publicKey: SM2.PublicKey, kind: Kind, notBefore: Date, notAfter: Date,
                             issuer: SM2Certificate?, issuerKey: SM2.PrivateKey) throws -> SM2Certificate {
        guard let x509 = X509_new() else { throw GuomiError("x509.issue") }
        defer { X509_free(x509) }
        let issuerX509 = try issuer.map { try parse($0.derRepresentation) }
        defer { if let issuerX509 { X509_free(issuerX509) } }

        guard X509_set_version(x509, 2) == 1,  // v3
              try setSerial(x509),
              ASN1_TIME_set(X509_getm_notBefore(x509), time_t(notBefore.timeIntervalSince1970)) != nil,
              ASN1_TIME_set(X509_getm_notAfter(x509), time_t(notAfter.timeIntervalSince1970)) != nil,
              X509_set_pubkey(x509, publicKey.key.pointer) == 1
        else { throw GuomiError("x509.issue") }

        guard let name = X509_NAME_new() else { throw GuomiError("x509.issue") }
        defer { X509_NAME_free(name) }
        for (field, value) in [("OU", subject.organizationalUnit), ("O", subject.organization), ("CN", subject.commonName)] {
            guard let value else { continue }
            guard X509_NAME_add_entry_by_txt(name, field, zt_mbstring_utf8(), value, -1, -1, 0) == 1 else { throw GuomiError("x509.issue") }
        }
        guard X509_set_subject_name(x509, name) == 1,
              X509_set_issuer_name(x509, issuerX509.map { X509_get_subject_name($0) } ?? name) == 1
        else { throw GuomiError("x509.issue") }

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuerX509 ?? x509, x509, nil, nil, 0)
        let extensions: [(Int32, String)] = switch kind {
        case .authority: [(NID_basic_constraints, "critical,CA:TRUE"), (NID_key_usage, "critical,keyCertSign,cRLSign"),
                          (NID_subject_key_identifier, "hash")]
        case .signer: [(NID_basic_constraints, "critical,CA:FALSE"), (NID_key_usage, "critical,digitalSignature,nonRepudiation"),
                       (NID_subject_key_identifier, "hash")]
        }
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else { throw GuomiError("x509.issue") }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(x509, ext, -1) == 1 else { throw GuomiError("x509.issue") }
        }

        try SM2.withDigestContext("x509.issue", key: issuerKey.key, id: SM2.defaultID, signing: true) { digest in
            guard X509_sign_ctx(x509, digest) > 0 else { throw GuomiError("x509.issue") }
        }
        return try SM2Certificate(derRepresentation: OpenSSLBytes.der("x509.issue") { i2d_X509(x509, $0) })
    }

    /// A random positive 128-bit serial number.
    private static func setSerial(_ x509: OpaquePointer) throws -> Bool {
        var bytes = [UInt8](SM4Sealing.randomBytes(16))
        bytes[0] &= 0x7F
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else { return false }
        defer { BN_free(number) }
        return BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509)) != nil
    }
}
