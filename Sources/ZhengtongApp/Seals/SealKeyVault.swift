import Foundation
import Guomi
import Vapor

/// Seal keys at rest: every private key of a seal (the authority's, each unit's) is stored sealed with SM4 under the
/// key-encryption key from configuration (`ZHENGTONG_SEAL_KEY`, 64 hex digits), bound to its record's id so a sealed
/// key copied to another record does not open. Without the setting a key is made once and kept in the data
/// directory (`keys/seal.key`, mode 0600), which keeps a single-machine deployment working; an information centre
/// sets the variable on every node (and keeps it out of the database's backups).
///
/// A sealed key names the key-encryption key that sealed it (the first 8 bytes of its SM3), so it is opened from
/// ``SealKeyring`` — every key this process was configured with — wherever the OFD that needs it is written.
final class SealKeyVault: @unchecked Sendable {
    // @unchecked: `loaded` is only touched under `lock`.
    private let lock = NSLock()
    private var loaded: (sealing: SM4Sealing, keyID: String)?
    /// The key file to make at the first seal key, when no key was configured and none is there yet.
    private let keyFile: URL?

    private init(key: Data?, keyFile: URL?) throws {
        self.keyFile = keyFile
        if let key { try use(key) }
    }

    convenience init(key: Data) throws {
        try self.init(key: key, keyFile: nil)
    }

    /// The id of the key-encryption key (the first 8 bytes of its SM3, hex); makes the key file if it must.
    func keyID() throws -> String { try current().keyID }

    /// `zt1:<key id>:<base64>`.
    func seal(_ key: SM2.PrivateKey, recordID: UUID) throws -> String {
        let (sealing, keyID) = try current()
        return "zt1:\(keyID):" + (try sealing.seal(key.derRepresentation, associated: Data(recordID.uuidString.utf8))).base64EncodedString()
    }

    func open(_ sealed: Data, recordID: UUID) throws -> SM2.PrivateKey {
        try SM2.PrivateKey(derRepresentation: current().sealing.open(sealed, associated: Data(recordID.uuidString.utf8)))
    }

    @discardableResult
    private func use(_ key: Data) throws -> (sealing: SM4Sealing, keyID: String) {
        let value = (sealing: try SM4Sealing(key: key), keyID: SM3.hash(key).prefix(8).guomiHex)
        lock.withLock { loaded = value }
        SealKeyring.shared.add(self, id: value.keyID)
        return value
    }

    /// The key, made (and written to the key file) the first time a seal key is sealed: commands that never seal
    /// leave no file behind.
    private func current() throws -> (sealing: SM4Sealing, keyID: String) {
        if let loaded = lock.withLock({ loaded }) { return loaded }
        guard let keyFile else { throw AppError(status: .internalServerError, code: "seal_key_unreadable", message: Strings.Seals.keyUnreadable) }
        // Another process of the same data directory may have made it meanwhile.
        if let key = Self.read(keyFile) { return try use(key) }
        let folder = keyFile.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = SM4Sealing.generateKey()
        guard FileManager.default.createFile(atPath: keyFile.path, contents: Data(key.guomiHex.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationError(variable: "ZHENGTONG_SEAL_KEY", problem: Strings.Seals.keyFileUnwritable(keyFile.path), example: "openssl rand -hex 32")
        }
        return try use(key)
    }

    private static func read(_ file: URL) -> Data? {
        guard let text = try? String(contentsOf: file, encoding: .utf8),
              let key = Data(guomiHex: text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == SM4Sealing.keyByteCount
        else { return nil }
        return key
    }

    /// A key for this process only (an in-memory database's seals die with it).
    static let processKey = SM4Sealing.generateKey()

    /// The vault from `configured` (the setting's bytes), else from the data directory's key file (read now when it is
    /// there, made at the first seal key otherwise), else — for an in-memory database — ``processKey``.
    static func make(configured: Data?, dataDirectory: String, persistent: Bool) throws -> SealKeyVault {
        if let configured { return try SealKeyVault(key: configured) }
        guard persistent else { return try SealKeyVault(key: processKey) }
        let file = URL(fileURLWithPath: dataDirectory).appendingPathComponent("keys").appendingPathComponent("seal.key")
        return try SealKeyVault(key: read(file), keyFile: file)
    }
}

/// Every key-encryption key this process was configured with, by id: opens a sealed seal key wherever it is needed
/// (writing an OFD happens far from the request that configured the app). Keys are only added.
final class SealKeyring: @unchecked Sendable {
    // @unchecked: `vaults` is only touched under `lock`.
    static let shared = SealKeyring()
    private let lock = NSLock()
    private var vaults: [String: SealKeyVault] = [:]

    func add(_ vault: SealKeyVault, id: String) {
        lock.withLock { vaults[id] = vault }
    }

    /// Opens a value made by ``SealKeyVault/seal(_:recordID:)``.
    func open(_ sealed: String, recordID: UUID) throws -> SM2.PrivateKey {
        let parts = sealed.split(separator: ":", maxSplits: 2)
        guard parts.count == 3, parts[0] == "zt1", let bytes = Data(base64Encoded: String(parts[2])),
              let vault = lock.withLock({ vaults[String(parts[1])] }),
              let key = try? vault.open(bytes, recordID: recordID)
        else { throw AppError(status: .internalServerError, code: "seal_key_unreadable", message: Strings.Seals.keyUnreadable) }
        return key
    }
}

struct SealKeyVaultKey: StorageKey { typealias Value = SealKeyVault }

extension Application {
    /// The vault new seal keys are sealed with (set by `configure`).
    var sealKeyVault: SealKeyVault {
        guard let vault = storage[SealKeyVaultKey.self] else { fatalError("configure(_:config:) has not run") }
        return vault
    }
}
