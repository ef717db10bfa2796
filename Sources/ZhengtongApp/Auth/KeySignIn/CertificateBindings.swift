import Fluent
import Vapor
import Foundation
import Guomi

/// Binding a person's certificate to their account and revoking it: the security administrator's work
/// (``Access/requireCertificateManagement(unit:)``), audited as `certificate.bind` and `certificate.revoke`.
enum CertificateBindings {
    /// A certificate as a person hands it over: PEM text, or DER (a `.cer` file), or base64 of the DER.
    static func certificate(from data: Data) throws -> SM2Certificate {
        let text = String(decoding: data, as: UTF8.self)
        if text.contains("-----BEGIN CERTIFICATE-----") {
            guard let certificate = try? SM2Certificate(pemRepresentation: text) else { throw unreadable }
            return certificate
        }
        if let certificate = try? SM2Certificate(derRepresentation: data) { return certificate }
        let compact = text.filter { !$0.isWhitespace }
        if let der = Data(base64Encoded: compact), let certificate = try? SM2Certificate(derRepresentation: der) { return certificate }
        throw unreadable
    }

    static var unreadable: AppError {
        AppError.validation(Strings.KeySignIn.certificateUnreadable, fields: ["certificate": Strings.KeySignIn.certificateUnreadable])
    }

    /// Binds `certificate` to `user`. A CA's certificate, or one already bound (actively) to anyone, is refused.
    static func bind(_ certificate: SM2Certificate, to user: User, access: Access, actor: AuditActor, on db: any Database) async throws -> CertificateBinding {
        try access.requireCertificateManagement(unit: user.$unit.id)
        guard !certificate.isAuthority else {
            throw AppError.validation(Strings.KeySignIn.certificateIsAuthority, fields: ["certificate": Strings.KeySignIn.certificateIsAuthority])
        }
        let fingerprint = certificate.fingerprint
        if try await CertificateBinding.query(on: db).filter(\.$activeFingerprint == fingerprint).first() != nil {
            throw AppError(status: .conflict, code: "certificate_already_bound", message: Strings.KeySignIn.alreadyBound,
                           fields: ["certificate": Strings.KeySignIn.alreadyBound])
        }
        let binding = CertificateBinding()
        binding.$user.id = try user.requireID()
        binding.fingerprint = fingerprint
        binding.activeFingerprint = fingerprint
        binding.certificate = certificate.derRepresentation
        binding.subject = certificate.subject.text
        binding.issuer = certificate.issuer.text
        binding.serial = certificate.serialNumber
        binding.notBefore = certificate.notBefore
        binding.notAfter = certificate.notAfter
        binding.boundAt = Date()
        binding.boundByID = actor.userID
        binding.boundByName = actor.username
        try await binding.create(on: db)
        try await AuditLog.record(AuditEvent(action: "certificate.bind", targetType: "user", targetID: user.id?.uuidString, targetLabel: user.username,
                                             after: ["fingerprint": fingerprint, "subject": binding.subject, "issuer": binding.issuer,
                                                     "serial": binding.serial, "binding": binding.id?.uuidString ?? ""]), by: actor, on: db)
        return binding
    }

    /// Revokes a binding: the certificate no longer signs anyone in.
    static func revoke(_ bindingID: UUID, access: Access, actor: AuditActor, on db: any Database) async throws -> CertificateBinding {
        guard let binding = try await CertificateBinding.query(on: db).filter(\.$id == bindingID).with(\.$user).first(),
              access.certificateScope.contains(binding.user.$unit.id)
        else { throw AppError.notFound() }
        guard binding.isActive else {
            throw AppError(status: .conflict, code: "certificate_already_revoked", message: Strings.KeySignIn.alreadyRevoked, fields: [:])
        }
        let user = binding.user
        if try await KeySignInPolicy.isRequired(for: user, on: db), try await KeySignInPolicy.isAdministrator(user.requireID(), on: db) {
            let others = try await CertificateBinding.query(on: db).filter(\.$user.$id == user.requireID()).filter(\.$revokedAt == nil)
                .filter(\.$id != bindingID).filter(\.$notAfter > Date()).count()
            guard others > 0 else {
                throw AppError(status: .conflict, code: "last_administrator_certificate", message: Strings.KeySignIn.lastAdministratorCertificate, fields: [:])
            }
        }
        binding.revokedAt = Date()
        binding.revokedByID = actor.userID
        binding.revokedByName = actor.username
        binding.activeFingerprint = nil
        try await binding.save(on: db)
        try await AuditLog.record(AuditEvent(action: "certificate.revoke", targetType: "user", targetID: user.id?.uuidString, targetLabel: user.username,
                                             after: ["fingerprint": binding.fingerprint, "binding": bindingID.uuidString]), by: actor, on: db)
        return binding
    }
}

/// A binding as the API shows it.
struct CertificateBindingDTO: Content {
    var id: UUID
    var userID: UUID
    var fingerprint: String
    var subject: String
    var issuer: String
    var serial: String
    var notBefore: Date
    var notAfter: Date
    var boundAt: Date
    var boundBy: String
    var revokedAt: Date?
    var revokedBy: String?
    var active: Bool

    init(_ binding: CertificateBinding) {
        id = binding.id!
        userID = binding.$user.id
        fingerprint = binding.fingerprint
        subject = binding.subject
        issuer = binding.issuer
        serial = binding.serial
        notBefore = binding.notBefore
        notAfter = binding.notAfter
        boundAt = binding.boundAt
        boundBy = binding.boundByName
        revokedAt = binding.revokedAt
        revokedBy = binding.revokedByName
        active = binding.isActive
    }
}
