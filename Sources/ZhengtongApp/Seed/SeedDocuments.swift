import Fluent
import Foundation
import Gongwen
import WorkflowEngine

/// Generates the documents of a seeded city through the real workflow engine: each 发文 and 收文 is started
/// and taken step by step by the people the process assigns, with hours to days between steps, until it is
/// done or its next step would fall after `now` (so recent documents are under way, and a few older ones
/// are stuck, overdue). Dispatched 发文 are delivered to other units, which sign for most and register them
/// as 收文. Rows go into a ``SeedBatch``; nothing here touches the database.
struct SeedDocuments {
    let city: SeededCity
    let outgoingProcess: (id: UUID, process: ProcessDefinition)
    let incomingProcess: (id: UUID, process: ProcessDefinition)
    let calendar: WorkingCalendar
    let now: Date
    var random: SeededRandom
    var batch = SeedBatch()

    /// Units that draft, weighted by their people (a big office writes more than a small township).
    private let drafting: [Int]
    private let draftingWeights: [Int]
    private var numberSequences: [String: Int] = [:]
    private var incomingSerials: [String: Int] = [:]
    private let hooks = WorkflowHooks()

    init(city: SeededCity, outgoing: (UUID, ProcessDefinition), incoming: (UUID, ProcessDefinition), calendar: WorkingCalendar, now: Date,
         random: SeededRandom) {
        self.city = city
        self.outgoingProcess = outgoing
        self.incomingProcess = incoming
        self.calendar = calendar
        self.now = now
        self.random = random
        drafting = city.units.indices.filter { city.units[$0].handlesDocuments && city.units[$0].issuerCode != nil }
        var total = 0
        draftingWeights = drafting.map { index in
            total += city.units[index].members.count
            return total
        }
    }

    /// The (number, sequence, year) counters reached, for `number_counters` and the 收文 counter.
    var counters: (numbers: [String: Int], incoming: [String: Int]) { (numberSequences, incomingSerials) }

    /// One slot of the timeline at `date`: a 发文 (with the 收文 its deliveries become) or a 收文 on paper.
    /// Returns how many documents it made.
    mutating func generate(at date: Date, budget: Int) throws -> Int {
        if random.chance(0.35) { return try outgoing(at: date, budget: budget) }
        let unit = pickUnit()
        let sender = city.units[random.int(0...(city.units.count - 1))].name
        let text = SearchBenchmarkData.text(&random, length: 80)
        try incoming(unit: unit, at: date, title: text.title, sender: sender, senderNumber: nil, handling: random.chance(0.25) ? .read : .handle,
                     source: random.chance(0.8) ? .paper : .fax, delivery: nil)
        return 1
    }

    private mutating func pickUnit() -> Int {
        let ticket = random.int(0...(draftingWeights.last! - 1))
        var low = 0, high = draftingWeights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if draftingWeights[middle] > ticket { high = middle } else { low = middle + 1 }
        }
        return drafting[low]
    }

    // MARK: 发文

    private mutating func outgoing(at created: Date, budget: Int) throws -> Int {
        let unitIndex = pickUnit()
        let unit = city.units[unitIndex]
        guard let code = unit.issuerCode, let mark = unit.issuerMark else { return 0 }
        let drafter = unit.staff.isEmpty ? unit.departmentHeads.first ?? unit.principal : random.pick(unit.staff)
        let text = SearchBenchmarkData.text(&random, length: 400)
        var content = OfficialDocument(kind: .notice, issuerMark: mark, style: .file)
        content.title = text.title.replacingOccurrences(of: "关于", with: unit.name + "关于")
        content.body = text.body
        content.mainRecipients = ["各有关单位"]
        content.signatureName = unit.name
        content.printedBy = unit.name
        let document = OutgoingDocument()
        let documentID = UUID()
        document.id = documentID
        document.$unit.id = unit.id
        document.departmentID = unit.members[drafter.uuidString]?.primaryDepartment
        document.$drafter.id = drafter
        document.$issuerCode.id = nil
        document.status = OutgoingDocument.Status.drafting.rawValue
        document.version = 1
        document.createdAt = created
        document.instanceID = nil
        document.number = nil
        document.registrationID = nil
        document.dispatchedAt = nil
        document.distribution = nil
        document.paperOnly = nil

        // A few drafts are never sent on; most go into the 发文 process.
        guard !random.chance(0.01) else {
            try finish(document, content: content, drafter: drafter, at: created)
            return 1
        }
        var run = try Run(definition: outgoingProcess, unit: unit, initiator: drafter, title: content.title, business: (OutgoingSteps.businessType, documentID),
                          variables: ["hasCountersign": .bool(false), "countersigners": .list([])], at: created, hooks: hooks, calendar: calendar)
        let stuck = random.chance(0.03)
        var time = created
        var rejected = false
        while run.instance.status == .running, let task = run.instance.openTasks.first {
            time = time.addingTimeInterval(random.exponential(mean: 20 * 3600) + 600)
            if time > now || (stuck && random.chance(0.3)) { break }
            var variables: [String: ExpressionValue] = [:]
            var outcome = "approve"
            var opinion: String?
            switch task.node {
            case "OfficeReview":
                let leader = random.pick(unit.leaders)
                variables["nextAssignee"] = .string(leader.uuidString)
                let others = unit.departmentHeads.filter { $0 != task.assignee.flatMap(UUID.init(uuidString:)) }
                if others.count >= 2, random.chance(0.2) {
                    variables["hasCountersign"] = .bool(true)
                    variables["countersigners"] = .list(Array(others.shuffled(using: &random).prefix(2)).map { .string($0.uuidString) })
                }
                opinion = "文稿规范，拟同意。"
            case "Sign":
                if !rejected, random.chance(0.04) {
                    outcome = "reject"
                    rejected = true
                    opinion = "请修改后再报。"
                } else {
                    opinion = "同意。"
                }
            case "Register":
                let year = DocumentDate(time).year
                let key = "\(unit.id)|\(code)|\(year)"
                let sequence = (numberSequences[key] ?? 0) + 1
                numberSequences[key] = sequence
                let number = DocumentNumber(issuerCode: code, year: year, sequence: sequence).formatted
                let registration = NumberRegistration()
                registration.id = UUID()
                registration.unitID = unit.id
                registration.issuerCode = code
                registration.year = year
                registration.sequence = sequence
                registration.number = number
                registration.documentID = documentID
                registration.title = content.title
                registration.status = NumberRegistration.Status.assigned.rawValue
                registration.assignedBy = try person(task)
                registration.assignedAt = time
                registration.voidedBy = nil
                registration.voidedAt = nil
                registration.voidReason = nil
                batch.registrations.append(registration)
                document.number = number
                document.registrationID = registration.id
                content.number = number
                content.date = DocumentDate(time)
            case "Review", "Countersign":
                opinion = "同意。"
            default:
                break
            }
            try run.complete(task, by: try person(task), outcome: outcome, opinion: opinion, variables: variables, at: time)
        }
        document.instanceID = run.instanceID
        document.status = run.instance.status == .completed ? OutgoingDocument.Status.dispatched.rawValue : OutgoingDocument.Status.approving.rawValue
        try run.store(in: &batch, now: now, random: &random)
        var made = 1
        if run.instance.status == .completed {
            document.dispatchedAt = time
            content.printedDate = DocumentDate(time)
            try document.setDocument(content)
            made += try deliver(document, content: content, from: unitIndex, by: unit.clerk, at: time, budget: budget - 1)
        }
        try finish(document, content: content, drafter: drafter, at: created)
        return made
    }

    private mutating func finish(_ document: OutgoingDocument, content: OfficialDocument, drafter: UUID, at created: Date) throws {
        try document.setDocument(content)
        document.updatedAt = document.dispatchedAt ?? created
        batch.outgoing.append(document)
        let version = OutgoingVersion()
        version.id = UUID()
        version.$document.id = try document.requireID()
        version.version = 1
        version.authorID = drafter
        version.step = OutgoingService.draftingStep
        version.content = document.content
        version.createdAt = created
        batch.versions.append(version)
    }

    /// 分发 to one to three other units (mostly under the same government); each signs for it (a few refuse)
    /// and registers it as 收文, unless it arrived too recently.
    private mutating func deliver(_ document: OutgoingDocument, content: OfficialDocument, from unitIndex: Int, by clerk: UUID, at sent: Date,
                                  budget: Int) throws -> Int {
        let sender = city.units[unitIndex]
        let package = ExchangePackage()
        let packageID = UUID()
        package.id = packageID
        package.senderUnitID = sender.id
        package.outgoingDocumentID = document.id
        package.title = content.title
        package.number = document.number
        package.senderName = sender.name
        package.content = document.content
        package.ofd = nil
        package.createdBy = clerk
        package.createdAt = sent
        batch.packages.append(package)
        var made = 0
        var recipients: Set<Int> = []
        let count = random.int(1...3)
        for _ in 0..<(count * 3) where recipients.count < count {
            let candidate = pickUnit()
            if candidate != unitIndex { recipients.insert(candidate) }
        }
        for recipientIndex in recipients.sorted() {
            let recipient = city.units[recipientIndex]
            let delivery = Delivery()
            let deliveryID = UUID()
            delivery.id = deliveryID
            delivery.packageID = packageID
            delivery.senderUnitID = sender.id
            delivery.recipientUnitID = recipient.id
            let copy = random.chance(0.2)
            delivery.role = copy ? Delivery.Role.copy.rawValue : Delivery.Role.main.rawValue
            delivery.version = 1
            delivery.sentBy = clerk
            delivery.sentAt = sent
            delivery.note = nil
            delivery.resendOf = nil
            delivery.resentAt = nil
            delivery.acceptedBy = nil
            delivery.acceptedAt = nil
            delivery.refusedBy = nil
            delivery.refusedAt = nil
            delivery.refusalReason = nil
            delivery.incomingDocumentID = nil
            let accepted = sent.addingTimeInterval(random.exponential(mean: 5 * 3600) + 300)
            // The recipient's clerk was told of it; read when they signed for it or refused it.
            let settled = accepted > now || made >= budget ? nil : accepted
            batch.notifications.append(NotificationRecord.seeded(to: recipient.clerk, kind: .delivery,
                                                                 title: Strings.Exchange.deliveredTitle(sender: sender.name, title: content.title),
                                                                 body: document.number, link: SiteURL.delivery.link(deliveryID),
                                                                 key: "delivery:\(deliveryID)", at: sent, readAt: settled))
            if settled == nil {
                delivery.state = Delivery.State.sent.rawValue
            } else if random.chance(0.04) {
                delivery.state = Delivery.State.refused.rawValue
                delivery.refusedBy = recipient.clerk
                delivery.refusedAt = accepted
                delivery.refusalReason = "非本单位职责范围。"
            } else {
                delivery.state = Delivery.State.accepted.rawValue
                delivery.acceptedBy = recipient.clerk
                delivery.acceptedAt = accepted
                let incomingID = try incoming(unit: recipientIndex, at: accepted, title: content.title, sender: sender.name, senderNumber: document.number,
                                              handling: copy ? .read : .handle, source: .exchange, delivery: (deliveryID, packageID))
                delivery.incomingDocumentID = incomingID
                made += 1
            }
            batch.deliveries.append(delivery)
        }
        return made
    }

    // MARK: 收文

    @discardableResult
    private mutating func incoming(unit unitIndex: Int, at received: Date, title: String, sender: String, senderNumber: String?,
                                   handling: IncomingDocument.Handling, source: IncomingDocument.Source, delivery: (UUID, UUID)?) throws -> UUID {
        let unit = city.units[unitIndex]
        let year = DocumentDate(received).year
        let key = "\(unit.id)|\(year)"
        let serial = (incomingSerials[key] ?? 0) + 1
        incomingSerials[key] = serial
        let document = IncomingDocument()
        let documentID = UUID()
        document.id = documentID
        document.unitID = unit.id
        document.year = year
        document.serial = serial
        document.registrationNumber = IncomingRegistration.registrationNumber(year: year, serial: serial)
        document.source = source.rawValue
        document.deliveryID = delivery?.0
        document.packageID = delivery?.1
        document.senderName = sender
        document.senderNumber = senderNumber
        document.title = title
        document.kind = DocumentKind.notice.rawValue
        document.classification = nil
        let urgent = random.chance(0.1)
        document.urgency = urgent ? Urgency.urgent.rawValue : nil
        document.copies = 1
        document.receivedAt = received
        document.dueAt = calendar.adding(ISODuration(days: urgent ? 3 : 7), to: received)
        document.handling = handling.rawValue
        document.status = IncomingDocument.Status.registering.rawValue
        document.result = nil
        document.closedAt = nil
        document.registeredBy = unit.clerk
        document.version = 1
        document.createdAt = received
        document.updatedAt = received

        var run = try Run(definition: incomingProcess, unit: unit, initiator: unit.clerk, title: title, business: (IncomingSteps.businessType, documentID),
                          variables: IncomingRegistration.variables(of: document), at: received, hooks: hooks, calendar: calendar)
        let stuck = random.chance(0.03)
        var time = received
        while run.instance.status == .running, let task = run.instance.openTasks.first {
            time = time.addingTimeInterval(random.exponential(mean: 16 * 3600) + 300)
            if time > now || (stuck && random.chance(0.3)) { break }
            var variables: [String: ExpressionValue] = [:]
            var opinion: String?
            switch task.node {
            case "Distribute":
                let readers = Array(Set(unit.leaders + unit.departmentHeads).sorted { $0.uuidString < $1.uuidString }.shuffled(using: &random).prefix(3))
                try run.circulate(by: try person(task), to: readers, fromTask: task.id, at: time)
            case "Propose":
                variables["nextAssignee"] = .string(random.pick(unit.leaders).uuidString)
                opinion = "拟请有关科室办理。"
            case "Instruct":
                let heads = Array(unit.departmentHeads.shuffled(using: &random).prefix(random.chance(0.3) ? 2 : 1))
                let handlers = heads.isEmpty ? [unit.principal] : heads
                variables["handlers"] = .list(handlers.map { .string($0.uuidString) })
                variables["lead"] = .string(handlers[0].uuidString)
                opinion = "请认真研究办理。"
            case "Handle":
                opinion = "已按要求办理。"
            default:
                break
            }
            try run.complete(task, by: try person(task), outcome: "approve", opinion: opinion, variables: variables, at: time)
        }
        // Readers read what was circulated to them, some time after it came.
        for item in run.instance.circulations where item.state == .unread {
            let read = item.sentAt.addingTimeInterval(random.exponential(mean: 24 * 3600))
            if read < now, let reader = UUID(uuidString: item.reader) { try run.markRead(item.id, by: reader, at: read) }
        }
        if run.instance.status == .completed {
            document.status = IncomingDocument.Status.closed.rawValue
            document.closedAt = time
            document.result = handling == .handle ? "已按要求办理完毕。" : nil
        } else if run.instance.tasks.contains(where: { $0.node == "Check" && $0.state == .completed }) {
            document.status = IncomingDocument.Status.handling.rawValue
        }
        document.instanceID = run.instanceID
        document.updatedAt = time
        try run.store(in: &batch, now: now, random: &random)
        batch.incoming.append(document)
        return documentID
    }

    private func person(_ task: WorkTask) throws -> UUID {
        guard let id = (task.assignee ?? task.candidateUsers.first).flatMap(UUID.init(uuidString:)) else {
            throw AppError.validation("seed: task \(task.node) has nobody")
        }
        return id
    }
}

extension NotificationRecord {
    /// A notification row as the application writes them, for the people seeded events concern.
    static func seeded(to user: UUID, kind: NotificationKind, title: String, body: String?, link: String?, key: String, at date: Date,
                       readAt: Date? = nil) -> NotificationRecord {
        let row = NotificationRecord()
        row.id = UUID()
        row.userID = user
        row.kind = kind.rawValue
        row.title = title
        row.body = body
        row.link = link
        row.dedupeKey = key
        row.createdAt = date
        row.readAt = readAt
        return row
    }
}
