import Foundation

extension OFDSignature {
    /// The package form of a seal already applied with ``SealSigning``: its signer, time and DER signature,
    /// written as given (that signature covers the document's canonical JSON, not the package's files; the
    /// References in Signature.xml still let a reader detect a changed file). Nil when the record's time or
    /// signature is unreadable or its algorithm is not ECDSA P-256.
    public init?(_ record: SealSignature) {
        guard record.algorithm == SealSignature.ecdsaP256SHA256,
              let time = record.date,
              let value = Data(base64Encoded: record.signature)
        else { return nil }
        self.init(signerName: record.signerName, time: time, methodOID: OFDSignature.ecdsaWithSHA256, value: .bytes(value))
    }
}
