import Foundation
import Guomi
import SwiftASN1

/// One application of a seal (电子签章) in the structure of GB/T 38540-2020, version 4:
///
///     SES_Signature ::= SEQUENCE {
///         toSign         TBS_Sign,
///         cert           OCTET STRING,       -- 签章者证书 (the signer's certificate, DER)
///         signatureAlgID OBJECT IDENTIFIER,  -- 1.2.156.10197.1.501
///         signature      BIT STRING }        -- the signer's SM2 signature of toSign's DER
///     TBS_Sign ::= SEQUENCE {
///         version      INTEGER (4),
///         eseal        SESeal,
///         timeInfo     GeneralizedTime,      -- 签章时间
///         dataHash     BIT STRING,           -- SM3 of what was sealed (an OFD's Signature.xml)
///         propertyInfo IA5String }           -- where that is (`/Doc_0/Signs/Sign_0/Signature.xml`)
///
/// In an OFD (GB/T 33190) it is the signature's `SignedValue.dat`.
public struct SESSignature: Sendable, Hashable {
    public let seal: SESeal
    public let time: Date
    public let dataHash: Data
    public let propertyInfo: String
    /// `toSign` exactly as signed.
    public let toSignDER: Data
    public let signerCertificate: Data
    public let signatureAlgorithm: String
    public let signature: Data
    public let derRepresentation: Data

    /// Seals `data` (its SM3 is what is signed) at `time` with `seal`, signed by the holder of `signerCertificate`'s key.
    public static func make(sealing data: Data, propertyInfo: String, seal: SESeal, time: Date,
                            signerCertificate: SM2Certificate, key: SM2.PrivateKey) throws -> SESSignature {
        var toSign = DER.Serializer()
        try toSign.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(SESeal.version)
            coder.serializeRawBytes(seal.derRepresentation)
            try coder.serialize(SESDate.generalized(time))
            try coder.serialize(ASN1BitString(bytes: ArraySlice(SM3.hash(data))))
            try coder.serialize(ASN1IA5String(propertyInfo))
        }
        let toSignDER = toSign.data
        let signature = try key.signature(for: toSignDER)
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(toSignDER)
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(signerCertificate.derRepresentation)))
            try coder.serialize(ASN1ObjectIdentifier(dotRepresentation: SM2.signatureOID))
            try coder.serialize(ASN1BitString(bytes: ArraySlice(signature)))
        }
        return try SESSignature(derRepresentation: coder.data)
    }

    public init(derRepresentation der: Data) throws {
        let root = try DER.parse(Array(der))
        typealias Parts = (SESeal, Date, Data, String, Data, Data, String, Data)
        let parts: Parts = try DER.sequence(root, identifier: .sequence) { nodes in
            guard let toSign = nodes.next(), let cert = nodes.next(), let alg = nodes.next(), let value = nodes.next()
            else { throw SESFormatError("SES_Signature has toSign, cert, signatureAlgID and signature") }
            _ = nodes.next()  // timeStamp, not read
            let inner: (SESeal, Date, Data, String) = try DER.sequence(toSign, identifier: .sequence) { parts in
                guard let version = parts.next(), let seal = parts.next(), let time = parts.next(), let hash = parts.next(),
                      let property = parts.next()
                else { throw SESFormatError("TBS_Sign") }
                _ = parts.next()  // extDatas, not read
                guard try Int(derEncoded: version) == SESeal.version else { throw SESFormatError("only version 4 is read") }
                return (try SESeal(derRepresentation: Data(seal.encodedBytes)),
                        SESDate.date(try GeneralizedTime(derEncoded: time)),
                        Data(try ASN1BitString(derEncoded: hash).bytes),
                        String(try ASN1IA5String(derEncoded: property)))
            }
            return (inner.0, inner.1, inner.2, inner.3, Data(toSign.encodedBytes),
                    Data(try ASN1OctetString(derEncoded: cert).bytes),
                    try ASN1ObjectIdentifier(derEncoded: alg).description,
                    Data(try ASN1BitString(derEncoded: value).bytes))
        }
        (seal, time, dataHash, propertyInfo, toSignDER, signerCertificate, signatureAlgorithm, signature) = parts
        derRepresentation = der
    }
}
