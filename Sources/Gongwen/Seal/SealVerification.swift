/// What checking a ``SealSignature`` against a document found (see ``SealSigning/verify(_:document:)``).
public enum SealVerification: String, Hashable, Sendable, Codable, CaseIterable {
    /// The document is the one that was sealed, and the signature was made with the recorded key.
    case valid
    /// The document differs from the one sealed: its digest does not match the record.
    case documentAltered
    /// The record itself does not hold: the signature, the key or the algorithm is wrong, or the seal's
    /// metadata (unit, signer, time) was changed after signing.
    case signatureInvalid

    /// The verdict as a verification page states it.
    public var title: String {
        switch self {
        case .valid: "签章有效，文件未被改动"
        case .documentAltered: "文件已被改动"
        case .signatureInvalid: "签章无效"
        }
    }
}
