import Crypto
import Foundation
import Guomi

/// The files of a Seal signature in `Doc_0/Signs`: the list (`Signatures.xml`) and one signature's
/// description (`Sign_0/Signature.xml`).
///
/// Signature IDs follow the `sNNN` form GB/T 33190 recommends for them (they are `xs:ID`s, kept apart from
/// the object IDs so that signing never changes Document.xml's `MaxUnitID`).
enum OFDSignatureFiles {
    /// SHA-256 (NIST), the `CheckMethod` of the references. GB/T 38540 uses SM3 (1.2.156.10197.1.401) here;
    /// the 2016 schema's own enumeration (MD5, SHA1) is obsolete and seal software writes OIDs.
    static let sha256OID = "2.16.840.1.101.3.4.2.1"
    /// The seal's file beside its Signature.xml (GB/T 33190's `Seal/BaseLoc`).
    static let sealFileName = "Seal.esl"
    static let stampAnnotID = "sa001"

    /// The `index`th signature's ID: s001, s002 …
    static func signatureID(_ index: Int) -> String { "s" + String(repeating: "0", count: max(0, 3 - String(index + 1).count)) + String(index + 1) }

    /// `Signatures.xml` listing one Seal signature per seal, each described at its `signatureLocs` entry.
    static func signatures(signatureLocs: [String]) -> Data {
        OFDElement("Signatures", children: [
            OFDElement("MaxSignId", text: signatureID(signatureLocs.count - 1)),
        ] + signatureLocs.enumerated().map { index, loc in
            OFDElement("Signature", [("ID", signatureID(index)), ("Type", "Seal"), ("BaseLoc", loc)])
        }).document()
    }

    /// `Signature.xml`: who signed with what, when, the digest (SHA-256 or SM3) of every protected file (`protected`
    /// holds their absolute package paths and bytes), the stamp's page and box, the seal's file when there is one,
    /// and where the signature value is.
    static func signature(_ signature: OFDSignature, protected: [(path: String, data: Data)], pageID: Int,
                          stampBoundary: String, signedValueLoc: String) -> Data {
        let references = protected.map { file in
            let digest = switch signature.digest {
            case .sha256: Data(SHA256.hash(data: file.data))
            case .sm3: SM3.hash(file.data)
            }
            return OFDElement("Reference", [("FileRef", file.path)], children: [
                OFDElement("CheckValue", text: digest.base64EncodedString()),
            ])
        }
        let checkMethod = switch signature.digest {
        case .sha256: sha256OID
        case .sm3: SM3.oid
        }
        return OFDElement("Signature", children: [
            OFDElement("SignedInfo", children: [
                OFDElement("Provider", [("ProviderName", signature.providerName), ("Version", "1.0")]),
                OFDElement("SignatureMethod", text: signature.methodOID),
                OFDElement("SignatureDateTime", text: OFDFormat.signatureTime(signature.time)),
                OFDElement("References", [("CheckMethod", checkMethod)], children: references),
                OFDElement("StampAnnot", [("ID", stampAnnotID), ("PageRef", String(pageID)), ("Boundary", stampBoundary)]),
            ] + (signature.sealFile == nil ? [] : [
                OFDElement("Seal", children: [OFDElement("BaseLoc", text: sealFileName)]),
            ])),
            OFDElement("SignedValue", text: signedValueLoc),
        ]).document()
    }
}
