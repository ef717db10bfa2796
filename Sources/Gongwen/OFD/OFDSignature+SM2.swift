import ElectronicSeal
import Foundation
import Guomi

extension OFDSignature {
    /// A national seal (GB/T 38540): the unit's `seal`, applied by the holder of `signerCertificate`'s `key`. The
    /// References carry SM3 digests; `SignedValue.dat` is the `SES_Signature` over `Signature.xml`'s SM3, and the
    /// seal is also written as `Seal.esl`.
    public static func sm2(signerName: String, time: Date, seal: SESeal, signerCertificate: SM2Certificate, key: SM2.PrivateKey) -> OFDSignature {
        OFDSignature(signerName: signerName, time: time, methodOID: SM2.signatureOID, digest: .sm3, sealFile: seal.derRepresentation,
                     value: .signing { signatureXML, signatureLoc in
                         try SESSignature.make(sealing: signatureXML, propertyInfo: signatureLoc, seal: seal, time: time,
                                               signerCertificate: signerCertificate, key: key).derRepresentation
                     })
    }
}
