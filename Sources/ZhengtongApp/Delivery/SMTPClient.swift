import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One reply of a mail server: its three-digit code and its lines.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]
    var text: String { lines.joined(separator: " ") }
}

enum SMTPError: Error, CustomStringConvertible, Equatable {
    /// The server answered a command with a code other than the one expected.
    case unexpected(command: String, reply: SMTPReply)
    /// STARTTLS was required and the server does not offer it.
    case noStartTLS
    case closed
    case timeout

    /// A 5xx reply: the server will never take this (a bad address); any other failure may pass.
    var isPermanent: Bool {
        if case .unexpected(_, let reply) = self { return (500..<600).contains(reply.code) }
        return false
    }

    var description: String {
        switch self {
        case .unexpected(let command, let reply): "SMTP \(command): \(reply.code) \(reply.text)"
        case .noStartTLS: "SMTP: the server does not offer STARTTLS"
        case .closed: "SMTP: connection closed"
        case .timeout: "SMTP: no answer in time"
        }
    }
}

/// Splits what the server sends into replies: lines ending in CRLF, a reply ending at a line whose fourth character
/// is not `-` (RFC 5321 §4.2.1). Touched only on its channel's event loop.
final class SMTPReplyReader: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private var pending: [UInt8] = []
    private var lines: [String] = []
    private var replies: [SMTPReply] = []
    private var waiters: [EventLoopPromise<SMTPReply>] = []
    private var failure: (any Error)?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let end = lineEnd() {
            let line = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeFirst(end + 2)
            lines.append(line)
            let bytes = Array(line.utf8)
            if bytes.count < 4 || bytes[3] != UInt8(ascii: "-") {
                let code = Int(String(decoding: bytes.prefix(3), as: UTF8.self)) ?? 0
                deliver(SMTPReply(code: code, lines: lines.map { String($0.dropFirst(4)) }))
                lines = []
            }
        }
    }

    private func lineEnd() -> Int? {
        guard pending.count >= 2 else { return nil }
        for index in 0..<(pending.count - 1) where pending[index] == 13 && pending[index + 1] == 10 { return index }
        return nil
    }

    private func deliver(_ reply: SMTPReply) {
        if waiters.isEmpty { replies.append(reply) } else { waiters.removeFirst().succeed(reply) }
    }

    /// The next reply, now or when it comes.
    func next(_ promise: EventLoopPromise<SMTPReply>) {
        if !replies.isEmpty {
            promise.succeed(replies.removeFirst())
        } else if let failure {
            promise.fail(failure)
        } else {
            waiters.append(promise)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
        let waiting = waiters
        waiters = []
        for waiter in waiting { waiter.fail(error) }
    }
}

/// A message for the outside mail server: plain text, UTF-8, its outbox row's id as its Message-ID.
struct SMTPMessage: Sendable {
    var id: UUID
    var to: String
    var subject: String
    var body: String
}

/// A small SMTP client (RFC 5321) for the notifications that leave by mail: EHLO, STARTTLS (or TLS from the start),
/// AUTH PLAIN or LOGIN, then each message of a batch over the same connection. No library for this is among the
/// packages the platform may use; the protocol needed for submission is short.
struct SMTPClient: Sendable {
    let config: DeliveryConfig.SMTP
    let group: any EventLoopGroup
    /// The name this host gives in EHLO.
    var heloName = "zhengtong.localdomain"
    /// One reply may take this long; well below the sender's lease.
    static let replyTimeout: TimeAmount = .seconds(20)

    /// Sends `messages` over one connection and returns each one's outcome, in order. A failure of the connection
    /// leaves the messages not yet accepted to be tried again; a 5xx for one recipient refuses only that message.
    func send(_ messages: [SMTPMessage], at now: Date) async -> [DeliveryOutcome] {
        guard !messages.isEmpty else { return [] }
        var outcomes: [DeliveryOutcome] = []
        do {
            let session = try await open()
            defer { session.close() }
            for message in messages {
                do {
                    try await session.deliver(message, from: config.from, at: now)
                    outcomes.append(.sent(gatewayID: nil))
                } catch let error as SMTPError where error.isPermanent {
                    outcomes.append(.refused(error.description))
                    // After a refused RCPT or DATA the transaction is reset for the next message.
                    _ = try? await session.command("RSET", expect: 250)
                }
            }
        } catch {
            let reason = (error as? SMTPError)?.description ?? String(describing: error)
            while outcomes.count < messages.count { outcomes.append(.retry(reason)) }
        }
        return outcomes
    }

    private func tlsHandler() throws -> NIOSSLClientHandler {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = config.caFile { tls.additionalTrustRoots = [.file(caFile)] }
        let context = try NIOSSLContext(configuration: tls)
        // SNI takes a name, never an address.
        let isAddress = (try? SocketAddress(ipAddress: config.host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : config.host)
    }

    private func open() async throws -> SMTPSession {
        let reader = SMTPReplyReader()
        let implicitTLS = config.security == .tls ? try tlsHandler() : nil
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS { try channel.pipeline.syncOperations.addHandler(implicitTLS) }
                    try channel.pipeline.syncOperations.addHandler(reader)
                }
            }
            .connect(host: config.host, port: config.port).get()
        let session = SMTPSession(channel: channel, reader: reader)
        do {
            let greeting = try await session.reply()
            guard greeting.code == 220 else { throw SMTPError.unexpected(command: "greeting", reply: greeting) }
            var features = try await session.command("EHLO \(heloName)", expect: 250).lines
            if config.security == .starttls {
                guard features.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else { throw SMTPError.noStartTLS }
                _ = try await session.command("STARTTLS", expect: 220)
                try await channel.pipeline.addHandler(try tlsHandler(), position: .first).get()
                features = try await session.command("EHLO \(heloName)", expect: 250).lines
            }
            if let username = config.username, let password = config.password {
                try await session.login(username: username, password: password, features: features)
            }
            return session
        } catch {
            session.close()
            throw error
        }
    }
}

/// One connection to the mail server.
struct SMTPSession: Sendable {
    let channel: any Channel
    let reader: SMTPReplyReader

    func reply() async throws -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let reader = reader
        channel.eventLoop.execute { reader.next(promise) }
        let timeout = channel.eventLoop.scheduleTask(in: SMTPClient.replyTimeout) { promise.fail(SMTPError.timeout) }
        defer { timeout.cancel() }
        return try await promise.futureResult.get()
    }

    func write(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Sends one command line and checks the reply's code.
    @discardableResult
    func command(_ line: String, expect code: Int, name: String? = nil) async throws -> SMTPReply {
        try await write(line + "\r\n")
        let reply = try await reply()
        guard reply.code == code else { throw SMTPError.unexpected(command: name ?? String(line.prefix(10)), reply: reply) }
        return reply
    }

    func login(username: String, password: String, features: [String]) async throws {
        let auth = features.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased() ?? ""
        if auth.contains("PLAIN") || !auth.contains("LOGIN") {
            let token = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
            try await command("AUTH PLAIN \(token)", expect: 235, name: "AUTH PLAIN")
        } else {
            try await command("AUTH LOGIN", expect: 334)
            try await command(Data(username.utf8).base64EncodedString(), expect: 334, name: "AUTH LOGIN user")
            try await command(Data(password.utf8).base64EncodedString(), expect: 235, name: "AUTH LOGIN password")
        }
    }

    func deliver(_ message: SMTPMessage, from: String, at now: Date) async throws {
        try await command("MAIL FROM:<\(from)>", expect: 250)
        try await command("RCPT TO:<\(message.to)>", expect: 250)
        try await command("DATA", expect: 354)
        let text = MailText.render(message, from: from, at: now)
        try await write(MailText.dotStuffed(text) + "\r\n.\r\n")
        let accepted = try await reply()
        guard accepted.code == 250 else { throw SMTPError.unexpected(command: "DATA", reply: accepted) }
    }

    func close() {
        let channel = channel
        channel.writeAndFlush(ByteBuffer(string: "QUIT\r\n")).whenComplete { _ in channel.close(promise: nil) }
    }
}
