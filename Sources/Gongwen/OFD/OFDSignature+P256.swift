import Crypto
import Foundation

extension OFDSignature {
    /// A signature made with a unit's P-256 seal key: ECDSA over the SHA-256 of `Signature.xml`, DER-encoded
    /// in `SignedValue.dat`. Anyone holding the public key verifies it over that file's bytes.
    public static func p256(signerName: String, time: Date, key: P256.Signing.PrivateKey) -> OFDSignature {
        OFDSignature(signerName: signerName, time: time, methodOID: ecdsaWithSHA256,
                     value: .signing { message, _ in try key.signature(for: message).derRepresentation })
    }
}
