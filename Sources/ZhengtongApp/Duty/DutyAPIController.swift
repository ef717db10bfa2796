import Fluent
import Foundation
import Vapor
import WorkflowEngine

/// `/api/v1/duty`: the same services as the pages, for a phone client or an integrator. Lists are `{"items": […]}` of what
/// the caller may see; what they may not see is 404.
struct DutyAPIController {
    struct KindBody: Content, Sendable {
        var name: String?
        var starts: String?
        var ends: String?
        var staffCount: Int?
        var needsLeader: Bool?
    }

    struct RotaBody: Content, Sendable {
        var title: String?
        var startDay: String?
        var endDay: String?
    }

    struct LeaveBody: Content, Sendable {
        var userId: UUID
        var fromDay: String
        var toDay: String
        var reason: String?
    }

    struct GenerateBody: Content, Sendable {
        var people: [UUID]?
        var leaders: [UUID]?
        var leaves: [LeaveBody]?
        var version: Int?
    }

    struct VersionBody: Content, Sendable {
        var version: Int?
    }

    struct ShiftBody: Content, Sendable {
        var leaderId: UUID?
        var staffIds: [UUID]?
        var version: Int?
    }

    struct SwapBody: Content, Sendable {
        var shiftId: UUID?
        var targetId: UUID?
        var targetShiftId: UUID?
        var reason: String?
    }

    struct ReasonBody: Content, Sendable {
        var reason: String?
    }

    struct EntryBody: Content, Sendable {
        var kind: String?
        /// ISO 8601; default now.
        var occurredAt: String?
        var caller: String?
        var callerUnit: String?
        var phone: String?
        var content: String?
        var handling: String?
        var closed: Bool?
    }

    struct HandoverBody: Content, Sendable {
        var note: String?
    }

    struct CloseBody: Content, Sendable {
        var handling: String?
    }

    struct ForwardBody: Content, Sendable {
        var leaderId: UUID?
    }

    struct SuperviseBody: Content, Sendable {
        var title: String?
        var leadUnitIds: [UUID]?
        var deadline: String?
    }

    struct RegisterBody: Content, Sendable {
        var title: String?
    }

    struct Items<Item: Content & Sendable>: Content, Sendable {
        var items: [Item]
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(APIURL.dutyKinds.components, use: kinds)
        routes.post(APIURL.dutyKinds.components, use: addKind)
        routes.get(APIURL.dutyRotas.components, use: rotas)
        routes.post(APIURL.dutyRotas.components, use: createRota)
        routes.get(APIURL.dutyRota.components, use: rota)
        routes.post(APIURL.dutyRotaGenerate.components, use: generate)
        routes.post(APIURL.dutyRotaPublish.components, use: publish)
        routes.put(APIURL.dutyShift.components, use: editShift)
        routes.get(APIURL.dutyShiftLog.components, use: log)
        routes.post(APIURL.dutyShiftLog.components, use: addEntry)
        routes.post(APIURL.dutyShiftHandover.components, use: handOver)
        routes.post(APIURL.dutyShiftSignOff.components, use: signOff)
        routes.get(APIURL.dutySwaps.components, use: swaps)
        routes.post(APIURL.dutySwaps.components, use: requestSwap)
        routes.post(APIURL.dutySwapAccept.components) { req in try await answer(req, agree: true) }
        routes.post(APIURL.dutySwapDecline.components) { req in try await answer(req, agree: false) }
        routes.post(APIURL.dutySwapApprove.components) { req in try await decide(req, approve: true) }
        routes.post(APIURL.dutySwapReject.components) { req in try await decide(req, approve: false) }
        routes.post(APIURL.dutyLogClose.components, use: closeEntry)
        routes.post(APIURL.dutyLogForward.components, use: forward)
        routes.post(APIURL.dutyLogSupervise.components, use: supervise)
        routes.post(APIURL.dutyLogRegister.components, use: registerEntry)
    }

    @Sendable func kinds(req: Request) async throws -> Response {
        let access = try await req.access()
        let list = try await DutyShiftKind.query(on: req.db).filter(\.$unitID == access.unitID).sort(\.$sortOrder).all()
        return try APIResponse.json(Items(items: try list.map(DutyShiftKindView.init)))
    }

    @Sendable func addKind(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(KindBody.self)
        let kind = try await DutyRotaService.addKind(.init(name: body.name, starts: body.starts, ends: body.ends, staffCount: body.staffCount,
                                                           needsLeader: body.needsLeader ?? false),
                                                     access: access, actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(try DutyShiftKindView(kind), status: .created)
    }

    @Sendable func rotas(req: Request) async throws -> Response {
        let access = try await req.access()
        let list = try await access.dutyRotas(on: req.db).sort(\.$startDay, .descending).limit(200).all()
        var items: [DutyRotaView] = []
        for rota in list { items.append(try await DutyViews.rota(rota, access: access, full: false, on: req.db)) }
        return try APIResponse.json(Items(items: items))
    }

    private func rotaView(_ id: UUID, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        return try APIResponse.json(try await DutyViews.rota(try await DutyLookup.rota(id, access: access, on: req.db), access: access, full: true, on: req.db),
                                    status: status)
    }

    @Sendable func createRota(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(RotaBody.self)
        let rota = try await DutyRotaService.create(.init(title: body.title, startDay: body.startDay, endDay: body.endDay), access: access,
                                                    actor: req.workflowActor(access), app: req.application)
        return try await rotaView(try rota.requireID(), req, status: .created)
    }

    @Sendable func rota(req: Request) async throws -> Response {
        try await rotaView(try req.idParameter("rotaID"), req)
    }

    @Sendable func generate(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("rotaID")
        let body = try req.content.decode(GenerateBody.self)
        try await DutyRotaService.generate(id, .init(people: body.people ?? [], leaders: body.leaders ?? [],
                                                     leaves: (body.leaves ?? []).map { .init(userID: $0.userId, fromDay: $0.fromDay, toDay: $0.toDay, reason: $0.reason) },
                                                     version: body.version),
                                           access: access, actor: req.workflowActor(access), app: req.application)
        return try await rotaView(id, req)
    }

    @Sendable func publish(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("rotaID")
        let body = try req.content.decode(VersionBody.self)
        guard let version = body.version else { throw AppError.validation(Strings.Error.formInvalid, fields: ["version": Strings.Duty.editedMeanwhile]) }
        try await DutyRotaService.publish(id, version: version, access: access, actor: req.workflowActor(access), app: req.application)
        return try await rotaView(id, req)
    }

    @Sendable func editShift(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("shiftID")
        let body = try req.content.decode(ShiftBody.self)
        guard let version = body.version else { throw AppError.validation(Strings.Error.formInvalid, fields: ["version": Strings.Duty.editedMeanwhile]) }
        let shift = try await DutyRotaService.editShift(id, leaderID: body.leaderId, staffIDs: body.staffIds ?? [], version: version, access: access,
                                                        actor: req.workflowActor(access), app: req.application)
        return try APIResponse.json(try await DutyViews.shifts([shift], on: req.db)[0])
    }

    private func logView(_ id: UUID, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let (shift, rota) = try await DutyLookup.log(id, access: access, on: req.db)
        return try APIResponse.json(try await DutyViews.log(shift, rota: rota, access: access, on: req.db), status: status)
    }

    @Sendable func log(req: Request) async throws -> Response {
        try await logView(try req.idParameter("shiftID"), req)
    }

    private func entryView(_ id: UUID, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let (entry, shift, rota) = try await DutyLookup.entry(id, access: access, on: req.db)
        let log = try await DutyViews.log(shift, rota: rota, access: access, on: req.db)
        guard let view = log.entries.first(where: { $0.id == entry.id }) else { throw AppError.notFound() }
        return try APIResponse.json(view, status: status)
    }

    static func parseTime(_ text: String?) throws -> Date? {
        guard let text = text.map(FieldRules.trimmed), !text.isEmpty else { return nil }
        // RFC 3339 as every API time (the engine's reader, see Core/RFC3339.swift), or a Beijing `yyyy-MM-dd HH:mm` as the page types it.
        if let date = ISODateTime.parse(text) ?? DutyDays.local(text) { return date }
        throw AppError.validation(Strings.Error.formInvalid, fields: ["occurredAt": Strings.Duty.dayInvalid])
    }

    @Sendable func addEntry(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(EntryBody.self)
        let entry = try await DutyLogService.add(try req.idParameter("shiftID"), .init(
            kind: body.kind, occurredAt: try Self.parseTime(body.occurredAt), caller: body.caller, callerUnit: body.callerUnit, phone: body.phone,
            content: body.content, handling: body.handling, closed: body.closed ?? false), access: access, actor: req.workflowActor(access), app: req.application)
        return try await entryView(try entry.requireID(), req, status: .created)
    }

    @Sendable func handOver(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("shiftID")
        let body = try req.content.decode(HandoverBody.self)
        try await DutyLogService.handOver(id, note: body.note, access: access, actor: req.workflowActor(access), app: req.application)
        return try await logView(id, req)
    }

    @Sendable func signOff(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("shiftID")
        try await DutyLogService.signOff(id, access: access, actor: req.workflowActor(access), app: req.application)
        return try await logView(id, req)
    }

    @Sendable func swaps(req: Request) async throws -> Response {
        let access = try await req.access()
        return try APIResponse.json(Items(items: try await DutyViews.swaps(try await DutySwapService.list(access: access, on: req.db), access: access, on: req.db)))
    }

    private func swapView(_ swap: DutySwap, _ req: Request, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        return try APIResponse.json(try await DutyViews.swaps([swap], access: access, on: req.db)[0], status: status)
    }

    @Sendable func requestSwap(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(SwapBody.self)
        let swap = try await DutySwapService.request(.init(shiftID: body.shiftId, targetID: body.targetId, targetShiftID: body.targetShiftId, reason: body.reason),
                                                     access: access, actor: req.workflowActor(access), app: req.application)
        return try await swapView(swap, req, status: .created)
    }

    @Sendable func answer(_ req: Request, agree: Bool) async throws -> Response {
        let access = try await req.access()
        let swap = try await DutySwapService.answer(try req.idParameter("swapID"), agree: agree, access: access, actor: req.workflowActor(access), app: req.application)
        return try await swapView(swap, req)
    }

    @Sendable func decide(_ req: Request, approve: Bool) async throws -> Response {
        let access = try await req.access()
        let body = (try? req.content.decode(ReasonBody.self)) ?? ReasonBody()
        let swap = try await DutySwapService.decide(try req.idParameter("swapID"), approve: approve, reason: body.reason, access: access,
                                                    actor: req.workflowActor(access), app: req.application)
        return try await swapView(swap, req)
    }

    @Sendable func closeEntry(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = (try? req.content.decode(CloseBody.self)) ?? CloseBody()
        let entry = try await DutyLogService.close(try req.idParameter("entryID"), handling: body.handling, access: access, actor: req.workflowActor(access),
                                                   app: req.application)
        return try await entryView(try entry.requireID(), req)
    }

    @Sendable func forward(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(ForwardBody.self)
        let entry = try await DutyLogService.forward(try req.idParameter("entryID"), leaderID: body.leaderId, access: access, actor: req.workflowActor(access),
                                                     app: req.application)
        return try await entryView(try entry.requireID(), req)
    }

    @Sendable func supervise(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = try req.content.decode(SuperviseBody.self)
        let (entry, _) = try await DutyLogService.supervise(try req.idParameter("entryID"), .init(title: body.title, leadUnitIDs: body.leadUnitIds ?? [],
                                                                                                deadline: body.deadline),
                                                            access: access, actor: req.workflowActor(access), app: req.application)
        return try await entryView(try entry.requireID(), req, status: .created)
    }

    @Sendable func registerEntry(req: Request) async throws -> Response {
        let access = try await req.access()
        let body = (try? req.content.decode(RegisterBody.self)) ?? RegisterBody()
        let (entry, _) = try await DutyLogService.register(try req.idParameter("entryID"), title: body.title, access: access, actor: req.workflowActor(access),
                                                           app: req.application)
        return try await entryView(try entry.requireID(), req, status: .created)
    }
}
