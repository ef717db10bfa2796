import Foundation
import Guomi
import Testing

struct SM2Tests {
    // GB/T 32918.5-2017 (GM/T 0003.5), the signature example on the recommended curve with ID 1234567812345678
    // and the message "message digest".
    static let scalar = "3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8"
    static let point = "04" + "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
        + "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13"
    static let r = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
    static let s = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"

    @Test func standardExampleVerifies() throws {
        let key = try SM2.PublicKey(x962Representation: #require(Data(guomiHex: Self.point)))
        let signature = try SM2.SignatureValue.der(fromRaw: #require(Data(guomiHex: Self.r + Self.s)))
        #expect(key.isValidSignature(signature, for: Data("message digest".utf8)))
        // The ID is part of what is signed: the empty ID OpenSSL would otherwise use does not verify.
        #expect(!key.isValidSignature(signature, for: Data("message digest".utf8), id: Data()))
        #expect(!key.isValidSignature(signature, for: Data("message digesT".utf8)))
    }

    @Test func standardKeySignsWhatItsPointVerifies() throws {
        let key = try SM2.PrivateKey(rawScalar: #require(Data(guomiHex: Self.scalar)), publicKey: #require(Data(guomiHex: Self.point)))
        let signature = try key.signature(for: Data("message digest".utf8))
        #expect(try SM2.SignatureValue.raw(fromDER: signature).count == 64)
        #expect(key.publicKey.x962Representation.guomiHex == Self.point.lowercased())
        #expect(key.publicKey.isValidSignature(signature, for: Data("message digest".utf8)))
    }

    @Test func generatedKeysRoundTripThroughPEMAndDER() throws {
        let key = try SM2.PrivateKey()
        let again = try SM2.PrivateKey(pemRepresentation: key.pemRepresentation)
        #expect(again.publicKey.x962Representation == key.publicKey.x962Representation)
        #expect(try SM2.PrivateKey(derRepresentation: key.derRepresentation).publicKey.x962Representation == key.publicKey.x962Representation)
        let publicKey = try SM2.PublicKey(pemRepresentation: key.publicKey.pemRepresentation)
        let message = Data("发文稿纸".utf8)
        let signature = try again.signature(for: message)
        #expect(publicKey.isValidSignature(signature, for: message))
        #expect(try SM2.PublicKey(derRepresentation: key.publicKey.derRepresentation).isValidSignature(signature, for: message))
        #expect(try !SM2.PrivateKey().publicKey.isValidSignature(signature, for: message))
    }

    @Test func refusesKeysThatAreNotSM2() {
        // A P-256 key in PKCS #8 (made with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`).
        let p256 = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgJWd2dfq+0tjOQvhE
        tLelopBrM6Z+SbU7beGfwLPR1R+hRANCAASF0vGrEVd89zvmkzhedkSWLN0+h4+D
        Feys1q+zNOZrfHZUl7ByveLK/zGiLMJmD8X1DaWspEyDFShcPbtUt7ER
        -----END PRIVATE KEY-----
        """
        #expect(throws: GuomiError.self) { try SM2.PrivateKey(pemRepresentation: p256) }
        #expect(throws: GuomiError.self) { try SM2.PublicKey(x962Representation: Data(repeating: 4, count: 65)) }
    }
}
