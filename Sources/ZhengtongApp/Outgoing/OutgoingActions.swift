import Fluent
import Foundation
import Gongwen
import Vapor
import WorkflowEngine

/// The document's own actions in its process: 送审 (submit), 编号 and 用印. Each is allowed only to the
/// person whose step it is, and each leaves a version and an audit record.
enum OutgoingActions {
    /// 送审 from a page or the API.
    static func submit(_ document: OutgoingDocument, req: Request) async throws {
        let access = try await req.access()
        try await submit(document, by: access.userID, actor: req.workflowActor(access), app: req.application)
    }

    /// 送审: starts the 发文 process and completes the drafter's 拟稿 step.
    static func submit(_ document: OutgoingDocument, by userID: UUID, actor: WorkflowService.Actor, app: Application) async throws {
        guard document.$drafter.id == userID else { throw AppError.forbidden(Strings.Outgoing.notEditable) }
        guard document.status == OutgoingDocument.Status.drafting.rawValue else { throw AppError.conflict(Strings.Outgoing.alreadySubmitted) }
        let content = try document.document()
        let problems = DocumentRules.problems(in: content, stage: .drafting, policy: app.documentPolicy)
        guard problems.isEmpty else {
            throw AppError.validation(Strings.Outgoing.cannotSubmit(problems.map(\.message)),
                                      fields: Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first }))
        }
        guard try await WorkflowDefinitions.newest(OutgoingSteps.processKey, on: app.db) != nil else {
            throw AppError.validation(Strings.Outgoing.processMissing)
        }
        let documentID = try document.requireID()
        let expected = document.version
        // The model's conditions read these; 核稿 or 办公室审核 sets them when departments countersign.
        let variables: [String: ExpressionValue] = ["hasCountersign": .bool(false), "countersigners": .list([])]
        let started = try await app.workflow.start(processKey: OutgoingSteps.processKey, title: content.title, businessType: OutgoingSteps.businessType,
                                                   businessID: documentID.uuidString, variables: variables, by: actor) { instanceID, db in
            // Linked in the start's transaction, guarded like an edit: a save racing the submission loses.
            guard let current = try await OutgoingDocument.find(documentID, on: db), current.version == expected,
                  current.status == OutgoingDocument.Status.drafting.rawValue else { throw AppError.conflict(Strings.Outgoing.editedMeanwhile) }
            current.status = OutgoingDocument.Status.approving.rawValue
            current.instanceID = instanceID
            try await current.update(on: db)
        }
        guard let draft = try await WorkflowTaskRecord.query(on: app.db).filter(\.$instance.$id == started.instanceID)
            .filter(\.$node == OutgoingSteps.Node.draft).filter(\.$state == "open").first() else { return }
        _ = try await app.workflow.perform(.completion(task: draft.engineID, outcome: "approve", opinion: nil, values: [:]),
                                           on: started.instanceID, by: actor)
    }

    /// Whether an edit changed what the leader signed (not the number, date, seal or dates the steps set).
    static func isSubstantive(_ before: OfficialDocument, _ after: OfficialDocument) -> Bool {
        before.kind != after.kind || before.title != after.title || before.body != after.body || before.mainRecipients != after.mainRecipients
            || before.attachments != after.attachments || before.signatureName != after.signatureName || before.classification != after.classification
    }

    /// Who does a step's own action: the person, for the checks and the records.
    struct Person: Sendable {
        var user: User
        var id: UUID
        var audit: AuditActor

        init(user: User, audit: AuditActor) throws {
            self.user = user
            self.id = try user.requireID()
            self.audit = audit
        }

        static func from(_ req: Request) throws -> Person {
            try Person(user: try req.currentUser(), audit: req.auditActor())
        }
    }

    /// The open task of `userID` at `node` of the document's process; 403 otherwise.
    static func heldTask(_ document: OutgoingDocument, node: String, userID: UUID, on db: any Database) async throws -> WorkflowTaskRecord {
        guard let instanceID = document.instanceID,
              let task = try await WorkflowTaskRecord.query(on: db).filter(\.$instance.$id == instanceID).filter(\.$node == node)
                .filter(\.$state == "open").filter(\.$assigneeID == userID).first() else {
            throw AppError.forbidden(Strings.Outgoing.notAtStep)
        }
        return task
    }

    static func number(_ document: OutgoingDocument, codeID: UUID?, req: Request) async throws {
        try await number(document, codeID: codeID, by: try Person.from(req), app: req.application)
    }

    /// 编号: the next 发文字号 of the chosen 代字 for this year, written into the document and the register.
    static func number(_ document: OutgoingDocument, codeID: UUID?, by person: Person, app: Application) async throws {
        let userID = person.id
        let task = try await heldTask(document, node: OutgoingSteps.Node.register, userID: userID, on: app.db)
        guard let codeID, let code = try await IssuerCode.find(codeID, on: app.db) else { throw AppError.validation(Strings.Outgoing.issuerCodeRequired) }
        let step = task.name
        try await app.write { db in
            guard let current = try await OutgoingDocument.find(document.id, on: db) else { throw AppError.notFound() }
            var content = try current.document()
            guard content.number == nil else { throw AppError.conflict(Strings.Outgoing.alreadyNumbered) }
            let registration = try await DocumentNumbering.assign(unit: current.$unit.id, code: code, year: DocumentDate(Date()).year,
                                                                  documentID: current.id, title: content.title, by: userID, on: db)
            content.number = registration.number
            // The code decides the letterhead: a letter-style 代字 gives a letter.
            content.style = LetterheadStyle(rawValue: code.style) ?? content.style
            content.issuerMark = code.issuerMark
            try await OutgoingService.save(current, content: content, expectedVersion: current.version, by: userID, step: step, on: db)
            current.number = registration.number
            current.registrationID = registration.id
            current.$issuerCode.id = code.id
            try await current.update(on: db)
            try await AuditLog.record(AuditEvent(action: "outgoing.number", targetType: "outgoing_document", targetID: current.id?.uuidString,
                                                 targetLabel: content.title, after: ["number": registration.number]), by: person.audit, on: db)
        }
    }

    static func seal(_ document: OutgoingDocument, req: Request, sealID: UUID? = nil) async throws {
        try await seal(document, by: try Person.from(req), app: req.application, sealID: sealID)
    }

    /// 用印: the unit's seal on the document as it stands; its signature covers that version. Only the
    /// holder of the 用印 step who may use that unit's seal (印章管理员); `sealID` chooses among the unit's seals they keep.
    static func seal(_ document: OutgoingDocument, by person: Person, app: Application, sealID: UUID? = nil) async throws {
        let userID = person.id
        let task = try await heldTask(document, node: OutgoingSteps.Node.seal, userID: userID, on: app.db)
        let access = try await Access.load(for: person.user, on: app.db)
        let step = task.name
        try await app.write { db in
            guard let current = try await OutgoingDocument.find(document.id, on: db) else { throw AppError.notFound() }
            var content = try current.document()
            guard !content.sealed else { throw AppError.conflict(Strings.Outgoing.alreadySealed) }
            guard access.covers(.sealUse, unit: current.$unit.id) else { throw AppError.forbidden(Strings.Outgoing.notAtStep) }
            let seal = try await UnitSealService.forUse(unitID: current.$unit.id, by: person.id, chosen: sealID, vault: app.sealKeyVault, on: db)
            content.sealed = true
            // The 印发日期 is part of what the seal covers, so it is fixed now rather than at 封发.
            if content.printedDate == nil { content.printedDate = DocumentDate(Date()) }
            try await OutgoingService.save(current, content: content, expectedVersion: current.version, by: userID, step: step, on: db)
            try await apply(seal, to: current, content: content, by: person, action: "outgoing.seal", on: db)
            // 联合行文: the co-issuers on the platform seal next; their seal keepers are told.
            let coIssuers = try await OutgoingCoIssuers.onPlatform(current, on: db)
            if !coIssuers.isEmpty {
                let keepers = try await PermissionHolders.people(with: .sealUse, in: coIssuers.map(\.unitID), on: db)
                try await Notifier.send(NotificationDraft(kind: .coSeal, title: Strings.Outgoing.coSealWaiting(content.title),
                                                          link: SiteURL.outgoing.link(try current.requireID()),
                                                          key: "co-seal:\(try current.requireID()):\(current.version)"), to: keepers, on: db)
            }
        }
    }

    static func coSeal(_ document: OutgoingDocument, req: Request) async throws {
        try await coSeal(document, by: try Person.from(req), app: req.application)
    }

    /// 联合行文's 用印 by a co-issuer: once the 主办机关 has sealed, a seal keeper (印章管理员) of a co-issuing unit of the
    /// platform applies that unit's seal to the same version; 封发 waits for every such seal. The text does not
    /// change, so no version is added; the signature covers the version the 主办机关 sealed.
    static func coSeal(_ document: OutgoingDocument, by person: Person, app: Application) async throws {
        let access = try await Access.load(for: person.user, on: app.db)
        try await app.write { db in
            guard let current = try await OutgoingDocument.find(document.id, on: db) else { throw AppError.notFound() }
            let content = try current.document()
            guard let coIssuer = try await OutgoingCoIssuers.unsealed(current, on: db).first(where: { access.covers(.sealUse, unit: $0.unitID) }) else {
                let mine = try await OutgoingCoIssuers.onPlatform(current, on: db).contains { access.covers(.sealUse, unit: $0.unitID) }
                throw mine ? AppError.conflict(Strings.Outgoing.alreadySealed) : AppError.forbidden(Strings.Outgoing.notCoIssuerSealKeeper)
            }
            guard content.sealed, current.status == OutgoingDocument.Status.approving.rawValue else {
                throw AppError.conflict(Strings.Outgoing.coSealNotYet)
            }
            try await apply(try await UnitSealService.forUse(unitID: coIssuer.unitID, by: person.id, chosen: nil, vault: app.sealKeyVault, on: db), to: current, content: content, by: person, action: "outgoing.co_seal", on: db)
        }
    }

    /// One application of `seal` to the document's current version: the signature over `content`, its record and
    /// the audit line (`action`).
    private static func apply(_ seal: UnitSeal, to document: OutgoingDocument, content: OfficialDocument, by person: Person, action: String,
                              on db: any Database) async throws {
        let signature = if let national = try NationalSeals.key(of: seal) {
            try SealSigning.sign(content, sealName: seal.name, signer: person.user.name, signerID: person.id.uuidString, at: Date(), national: national)
        } else {
            try SealSigning.sign(content, sealName: seal.name, signer: person.user.name, signerID: person.id.uuidString, at: Date(),
                                 key: try SealKey(pem: seal.privateKeyPEM))
        }
        let application = SealApplication()
        application.documentID = try document.requireID()
        application.sealID = try seal.requireID()
        application.version = document.version
        application.signature = String(decoding: try JSONEncoder().encode(signature), as: UTF8.self)
        application.appliedBy = person.id
        application.appliedAt = Date()
        try await application.create(on: db)
        try await AuditLog.record(AuditEvent(action: action, targetType: "outgoing_document", targetID: document.id?.uuidString,
                                             targetLabel: content.title, after: ["seal": seal.name, "version": String(document.version),
                                                                                  "digest": signature.documentDigest]), by: person.audit, on: db)
    }
}

/// Units' seals: made on first use — a national seal (SM2, GB/T 38540) named as the unit, its key new — then kept.
/// A unit whose seal was made before national seals keeps its P-256 seal.
enum UnitSeals {
    static func seal(of unitID: UUID, vault: SealKeyVault, on db: any Database) async throws -> UnitSeal {
        if let seal = try await UnitSeal.query(on: db).filter(\.$unitID == unitID).first() { return seal }
        guard let unit = try await Unit.find(unitID, on: db) else { throw AppError.notFound() }
        let seal = UnitSeal()
        seal.unitID = unitID
        seal.createdAt = Date()
        try await NationalSeals.make(seal, for: unit, vault: vault, now: seal.createdAt, on: db)
        try await seal.create(on: db)
        return seal
    }
}
