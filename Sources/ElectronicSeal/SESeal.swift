import Foundation
import Guomi
import SwiftASN1

/// An electronic seal (电子印章) in the structure of GB/T 38540-2020, version 4:
///
///     SESeal ::= SEQUENCE {
///         eSealInfo   SES_SealInfo,          -- 印章信息
///         cert        OCTET STRING,          -- 制章人证书 (the issuing authority's certificate, DER)
///         signAlgID   OBJECT IDENTIFIER,     -- 1.2.156.10197.1.501, SM2 with SM3
///         signedValue BIT STRING }           -- the authority's SM2 signature of eSealInfo's DER
///     SES_SealInfo ::= SEQUENCE {
///         header   SES_Header,               -- SEQUENCE { id IA5String "ES", version INTEGER 4, vid IA5String }
///         esID     IA5String,
///         property SES_ESPropertyInfo,
///         picture  SES_ESPictrueInfo }       -- SEQUENCE { type IA5String, data OCTET STRING, width, height INTEGER }
///     SES_ESPropertyInfo ::= SEQUENCE {
///         type INTEGER, name UTF8String, certListType INTEGER (1: certificates),
///         certList SEQUENCE OF OCTET STRING, -- the signers' certificates, DER: who may seal with it
///         createDate, validStart, validEnd GeneralizedTime }
///
/// A parsed seal keeps the bytes it was read from, so checking never depends on encoding them again.
public struct SESeal: Sendable, Hashable {
    public static let version = 4

    /// What the authority signs.
    public struct Info: Sendable, Hashable {
        /// `vid`: the maker's product.
        public var vendorID: String
        /// `esID`: the seal's code (印章编码), unique per authority.
        public var esID: String
        public var type: SealType
        /// 印章名称, e.g. `江北市人民政府办公室`.
        public var name: String
        /// The certificates (DER) whose keys may apply this seal.
        public var signerCertificates: [Data]
        public var createDate: Date
        public var validStart: Date
        public var validEnd: Date
        public var picture: Picture

        public init(vendorID: String, esID: String, type: SealType, name: String, signerCertificates: [Data], createDate: Date,
                    validStart: Date, validEnd: Date, picture: Picture) {
            self.vendorID = vendorID
            self.esID = esID
            self.type = type
            self.name = name
            self.signerCertificates = signerCertificates
            self.createDate = createDate
            self.validStart = validStart
            self.validEnd = validEnd
            self.picture = picture
        }
    }

    /// 印章类型 of GB/T 38540: an organisation's seal or a person's.
    public enum SealType: Int, Sendable, Hashable {
        case organization = 1
        case personal = 2
    }

    /// The seal's picture and its size on paper in millimetres.
    public struct Picture: Sendable, Hashable {
        /// `svg`, `png`, `ofd` …
        public var type: String
        public var data: Data
        public var widthMM: Int
        public var heightMM: Int

        public init(type: String, data: Data, widthMM: Int, heightMM: Int) {
            self.type = type
            self.data = data
            self.widthMM = widthMM
            self.heightMM = heightMM
        }
    }

    public let info: Info
    /// `eSealInfo` exactly as signed.
    public let infoDER: Data
    /// The authority's certificate, DER.
    public let makerCertificate: Data
    public let signatureAlgorithm: String
    /// The authority's SM2 signature (DER `SEQUENCE { r, s }`).
    public let signedValue: Data
    /// The whole seal, DER: `Seal.esl` in an OFD.
    public let derRepresentation: Data

    /// Makes a seal: the authority (`maker`, `makerKey`) signs `info`.
    public static func make(_ info: Info, maker: SM2Certificate, makerKey: SM2.PrivateKey) throws -> SESeal {
        let infoDER = try encode(info)
        let signature = try makerKey.signature(for: infoDER)
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(infoDER)
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(maker.derRepresentation)))
            try coder.serialize(ASN1ObjectIdentifier(dotRepresentation: SM2.signatureOID))
            try coder.serialize(ASN1BitString(bytes: ArraySlice(signature)))
        }
        return try SESeal(derRepresentation: coder.data)
    }

    public init(derRepresentation der: Data) throws {
        let root = try DER.parse(Array(der))
        var parsed: (Info, Data, Data, String, Data)?
        try DER.sequence(root, identifier: .sequence) { nodes in
            guard let infoNode = nodes.next(), let certNode = nodes.next(), let algNode = nodes.next(), let valueNode = nodes.next()
            else { throw SESFormatError("SESeal has four parts") }
            parsed = (try Self.decodeInfo(infoNode), Data(infoNode.encodedBytes),
                      Data(try ASN1OctetString(derEncoded: certNode).bytes),
                      try ASN1ObjectIdentifier(derEncoded: algNode).description,
                      Data(try ASN1BitString(derEncoded: valueNode).bytes))
        }
        guard let parsed else { throw SESFormatError("empty SESeal") }
        (info, infoDER, makerCertificate, signatureAlgorithm, signedValue) = parsed
        derRepresentation = der
    }

    /// Whether the maker's certificate signed `eSealInfo`.
    public var isSignedByMaker: Bool {
        guard signatureAlgorithm == SM2.signatureOID,
              let maker = try? SM2Certificate(derRepresentation: makerCertificate),
              let key = try? maker.publicKey()
        else { return false }
        return key.isValidSignature(signedValue, for: infoDER)
    }

    // MARK: - Encoding

    static func encode(_ info: Info) throws -> Data {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(ASN1IA5String("ES"))
                try coder.serialize(version)
                try coder.serialize(ASN1IA5String(info.vendorID))
            }
            try coder.serialize(ASN1IA5String(info.esID))
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(info.type.rawValue)
                try coder.serialize(ASN1UTF8String(info.name))
                try coder.serialize(1)  // certListType: a list of certificates
                try coder.serializeSequenceOf(info.signerCertificates.map { ASN1OctetString(contentBytes: ArraySlice($0)) })
                try coder.serialize(SESDate.generalized(info.createDate))
                try coder.serialize(SESDate.generalized(info.validStart))
                try coder.serialize(SESDate.generalized(info.validEnd))
            }
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(ASN1IA5String(info.picture.type))
                try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(info.picture.data)))
                try coder.serialize(info.picture.widthMM)
                try coder.serialize(info.picture.heightMM)
            }
        }
        return coder.data
    }

    static func decodeInfo(_ node: ASN1Node) throws -> Info {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard let header = nodes.next(), let esID = nodes.next(), let property = nodes.next(), let picture = nodes.next()
            else { throw SESFormatError("SES_SealInfo has header, esID, property and picture") }
            _ = nodes.next()  // extDatas, not read
            let vendor: String = try DER.sequence(header, identifier: .sequence) { parts in
                guard let id = parts.next(), let version = parts.next(), let vid = parts.next() else { throw SESFormatError("SES_Header") }
                guard String(try ASN1IA5String(derEncoded: id)) == "ES" else { throw SESFormatError("SES_Header id is not ES") }
                guard try Int(derEncoded: version) == SESeal.version else { throw SESFormatError("only version 4 is read") }
                return String(try ASN1IA5String(derEncoded: vid))
            }
            var info = try DER.sequence(property, identifier: .sequence) { parts -> Info in
                guard let type = parts.next(), let name = parts.next(), let listType = parts.next(), let list = parts.next(),
                      let created = parts.next(), let start = parts.next(), let end = parts.next()
                else { throw SESFormatError("SES_ESPropertyInfo") }
                guard try Int(derEncoded: listType) == 1 else { throw SESFormatError("only certificate lists are read") }
                let certificates = try DER.sequence(of: ASN1OctetString.self, identifier: .sequence, rootNode: list).map { Data($0.bytes) }
                return Info(vendorID: vendor, esID: "", type: SealType(rawValue: try Int(derEncoded: type)) ?? .organization,
                            name: String(try ASN1UTF8String(derEncoded: name)), signerCertificates: certificates,
                            createDate: SESDate.date(try GeneralizedTime(derEncoded: created)),
                            validStart: SESDate.date(try GeneralizedTime(derEncoded: start)),
                            validEnd: SESDate.date(try GeneralizedTime(derEncoded: end)),
                            picture: Picture(type: "", data: Data(), widthMM: 0, heightMM: 0))
            }
            info.esID = String(try ASN1IA5String(derEncoded: esID))
            info.picture = try DER.sequence(picture, identifier: .sequence) { parts in
                guard let type = parts.next(), let data = parts.next(), let width = parts.next(), let height = parts.next()
                else { throw SESFormatError("SES_ESPictrueInfo") }
                return Picture(type: String(try ASN1IA5String(derEncoded: type)), data: Data(try ASN1OctetString(derEncoded: data).bytes),
                               widthMM: try Int(derEncoded: width), heightMM: try Int(derEncoded: height))
            }
            return info
        }
    }
}
