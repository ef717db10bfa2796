import Crypto
import Foundation

/// Signing a document with a unit's seal key (用印) and checking the signature later.
///
/// The bytes signed are
///
///     canonicalContent(of: document) ‖ metadata
///
/// both UTF-8 JSON written by `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` and nothing
/// between them (each is a complete JSON object, so the split is unambiguous):
///
/// - `canonicalContent`: the document exactly as ``OfficialDocument`` encodes itself (its JSON form, keys
///   sorted). Nothing volatile: no database ids, revision counters or timestamps beyond the document's own
///   dates; changing any printed element, `sealed` included, changes the bytes.
/// - `metadata`: the seal's record without the key, digest and signature, keys in this order:
///   `{"algorithm":"ECDSA-P256-SHA256","signedAt":"2026-01-05T02:30:00Z","signerID":"u-7","signerName":"张三","unitName":"江北市人民政府办公室"}`.
///
/// The signature is ECDSA P-256 over SHA-256 of those bytes. ``verify(_:document:)`` says whether the
/// signature was made with the key *in the record*; whether that key is really the unit's is for the caller
/// to check against the unit's registered key (compare ``SealSignature/publicKey`` with
/// ``SealKey/publicKeyBase64``), since anyone can make a key and sign in any unit's name.
public enum SealSigning {
    /// The document's stable byte form: its JSON with sorted keys.
    public static func canonicalContent(of document: OfficialDocument) -> Data {
        do {
            return try encoder().encode(document)
        } catch {
            // The document encodes strings, string lists and a Boolean only; JSONEncoder cannot fail on them.
            preconditionFailure("OfficialDocument could not be encoded: \(error)")
        }
    }

    /// SHA-256 of ``canonicalContent(of:)``, lowercase hex.
    public static func digest(of document: OfficialDocument) -> String {
        hex(SHA256.hash(data: canonicalContent(of: document)))
    }

    /// Applies the seal of `sealName` to `document`, signed by `signer` (user `signerID`) at `at`
    /// (kept to the second, in UTC).
    public static func sign(_ document: OfficialDocument, sealName: String, signer: String, signerID: String, at: Date,
                            privateKey: P256.Signing.PrivateKey) throws -> SealSignature {
        let signedAt = at.formatted(Date.ISO8601FormatStyle())
        let content = canonicalContent(of: document)
        let metadata = Metadata(algorithm: SealSignature.ecdsaP256SHA256, signedAt: signedAt, signerID: signerID,
                                signerName: signer, unitName: sealName)
        let signature = try privateKey.signature(for: content + encoder().encode(metadata))
        return SealSignature(signerName: signer, signerID: signerID, unitName: sealName, signedAt: signedAt,
                             publicKey: privateKey.publicKey.x963Representation.base64EncodedString(),
                             documentDigest: hex(SHA256.hash(data: content)),
                             signature: signature.derRepresentation.base64EncodedString())
    }

    /// Applies the seal with a unit's ``SealKey``.
    public static func sign(_ document: OfficialDocument, sealName: String, signer: String, signerID: String, at: Date,
                            key: SealKey) throws -> SealSignature {
        try sign(document, sealName: sealName, signer: signer, signerID: signerID, at: at, privateKey: key.privateKey)
    }

    /// Checks `signature` against `document`: `.documentAltered` when the document's digest differs from the
    /// recorded one, `.signatureInvalid` when the record's algorithm, key or signature is unreadable or the
    /// signature does not verify (also when the unit, signer or time were edited), `.valid` otherwise.
    public static func verify(_ signature: SealSignature, document: OfficialDocument) -> SealVerification {
        if signature.algorithm == SealSignature.sm2SES { return verifyNational(signature, document: document) }
        guard signature.algorithm == SealSignature.ecdsaP256SHA256,
              let keyBytes = Data(base64Encoded: signature.publicKey),
              let publicKey = try? P256.Signing.PublicKey(x963Representation: keyBytes),
              let signatureBytes = Data(base64Encoded: signature.signature),
              let ecdsa = try? P256.Signing.ECDSASignature(derRepresentation: signatureBytes)
        else { return .signatureInvalid }
        let content = canonicalContent(of: document)
        guard hex(SHA256.hash(data: content)) == signature.documentDigest.lowercased() else { return .documentAltered }
        let metadata = Metadata(algorithm: signature.algorithm, signedAt: signature.signedAt, signerID: signature.signerID,
                                signerName: signature.signerName, unitName: signature.unitName)
        guard let metadataBytes = try? encoder().encode(metadata),
              publicKey.isValidSignature(ecdsa, for: content + metadataBytes)
        else { return .signatureInvalid }
        return .valid
    }

    /// The metadata's bytes as signed.
    static func metadataBytes(algorithm: String, signedAt: String, signerID: String, signerName: String, unitName: String) throws -> Data {
        try encoder().encode(Metadata(algorithm: algorithm, signedAt: signedAt, signerID: signerID, signerName: signerName, unitName: unitName))
    }

    /// The seal's fields that are signed along with the document.
    private struct Metadata: Encodable {
        var algorithm: String
        var signedAt: String
        var signerID: String
        var signerName: String
        var unitName: String
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef")
        return String(digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
    }
}
