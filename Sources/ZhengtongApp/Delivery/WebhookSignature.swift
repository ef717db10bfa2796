import Crypto
import Foundation

/// The signature on every request between the platform and the SMS gateway, both ways: `X-Zhengtong-Timestamp`
/// (Unix seconds) and `X-Zhengtong-Signature: sha256=<hex>`, the HMAC-SHA256 with the shared secret of
/// `<timestamp>.<body>`. The timestamp inside the signed text keeps an old request from being replayed later.
enum WebhookSignature {
    static let timestampHeader = "X-Zhengtong-Timestamp"
    static let signatureHeader = "X-Zhengtong-Signature"
    /// How far a signed request's time may be from ours.
    static let tolerance: TimeInterval = 300

    static func sign(body: Data, timestamp: Int, secret: String) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `signature` signs `body` at `timestamp` with `secret`, and the time is close to `now`. Compared in
    /// constant time.
    static func verify(body: Data, timestamp: String?, signature: String?, secret: String, now: Date) -> Bool {
        guard let timestamp, let seconds = Int(timestamp), let signature,
              abs(now.timeIntervalSince1970 - TimeInterval(seconds)) <= tolerance else { return false }
        let expected = Array(sign(body: body, timestamp: seconds, secret: secret).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
