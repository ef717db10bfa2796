import Fluent
import Foundation
import Vapor

/// 预警 pages: the received and sent lists, the 发布预警 form (a refused one comes back with what was typed), and the
/// alert page — the recipient's 确认收到 and, for its sender, confirmations per unit and per person with 再次发送 and
/// 结束. Every action is a service call.
struct AlertPagesController {
    struct SendForm: Content, Sendable {
        var title: String?
        var body: String?
        var level: String?
        var category: String?
        var units: [String]?
        var unitTrees: [String]?
    }

    /// Where a confirmation goes back to: the desk, or the alert page.
    struct ConfirmForm: Content, Sendable {
        var back: String?
    }

    struct Row: Encodable, Sendable {
        var href: String
        var title: String
        var levelLabel: String
        var major: Bool
        var categoryLabel: String
        var stateLabel: String
        var closed: Bool
        var sentText: String
        var sender: String
        var unit: String
        var confirmedText: String?
        var unconfirmed: Bool
        var progress: String?
        var complete: Bool
    }

    struct IndexPage: Encodable, Sendable {
        var tabs: [ListTab]
        var received: Bool
        var rows: [Row]
        var newHref: String?
    }

    struct FormPage: Encodable, Sendable {
        var action: String
        var form: SendForm
        var levels: [SelectOption]
        var categories: [SelectOption]
        var units: [SelectOption]
        var unitTrees: [SelectOption]
        var errors: [String: String]
        var error: String?
        var bodyLimit: Int
        var cancelHref: String
    }

    struct PersonRow: Encodable, Sendable {
        var name: String
        var unit: String
        var phone: String?
        var timeText: String
        var round: String
    }

    struct RoundRow: Encodable, Sendable {
        var label: String
        var timeText: String
        var sentBy: String
        var recipients: Int
    }

    struct ShowPage: Encodable, Sendable {
        var alert: AlertDetailView
        var major: Bool
        var closed: Bool
        var sentText: String
        var closedText: String?
        var confirmedText: String?
        var units: [AlertUnitLine]
        var unconfirmed: [PersonRow]
        var confirmed: [PersonRow]
        var rounds: [RoundRow]
        var total: Int
        var confirmedCount: Int
        var unconfirmedCount: Int
        var percent: Int
        var confirmAction: String
        var resendAction: String
        var closeAction: String
        var canResend: Bool
        var canClose: Bool
        var listHref: String
    }

    func register(on routes: any RoutesBuilder) {
        routes.get(SiteURL.alerts, use: index)
        routes.post(SiteURL.alerts, use: send)
        routes.get(SiteURL.alertNew, use: newForm)
        routes.get(SiteURL.alert, use: show)
        routes.post(SiteURL.alertConfirm, use: confirm)
        routes.post(SiteURL.alertResend, use: resend)
        routes.post(SiteURL.alertClose, use: close)
    }

    // MARK: Lists

    @Sendable func index(req: Request) async throws -> Response {
        let access = try await req.access()
        let box = try AlertBox.parse(req.queryValue("box"))
        let items = try await AlertBox.list(box, access: access, limit: 200, on: req.db)
        let rows = items.map { item in
            Row(href: SiteURL.alert.link(item.id), title: item.title, levelLabel: item.levelLabel, major: item.level == Alert.Level.major.rawValue,
                categoryLabel: item.categoryLabel, stateLabel: item.stateLabel, closed: item.state == Alert.State.closed.rawValue,
                sentText: DisplayFormat.minute(item.sentAt), sender: item.sender, unit: item.unit, confirmedText: item.confirmedAt.map(DisplayFormat.minute),
                unconfirmed: box == .received && item.confirmedAt == nil && item.state == Alert.State.open.rawValue,
                progress: item.total.map { "\(item.confirmed ?? 0) / \($0)" }, complete: item.total != nil && item.total == item.confirmed)
        }
        let unconfirmed = try await AlertBox.unconfirmed(by: access, limit: 0, on: req.db).count
        let showsSent = access.sendsAlerts || box == .sent
        var tabs = [ListTab(key: "received", label: Strings.page["alerts_received"]!, count: unconfirmed > 0 ? unconfirmed : nil,
                            href: SiteURL.alerts.path, active: box == .received)]
        if showsSent {
            tabs.append(ListTab(key: "sent", label: Strings.page["alerts_sent"]!, count: nil, href: SiteURL.alerts.path + "?box=sent", active: box == .sent))
        }
        return try await req.renderPage("alerts/index", title: Strings.Alerts.title, section: .alerts,
                                        IndexPage(tabs: tabs, received: box == .received, rows: rows, newHref: access.sendsAlerts ? SiteURL.alertNew.path : nil))
    }

    // MARK: 发布预警

    @Sendable func newForm(req: Request) async throws -> Response {
        let access = try await req.access()
        guard access.sendsAlerts else { throw AppError.forbidden(Strings.Alerts.notSender) }
        return try await renderForm(req, form: SendForm(level: Alert.Level.general.rawValue), errors: [:], error: nil)
    }

    /// The units the person may send to, in tree order, indented.
    private func unitOptions(_ access: Access, chosen: Set<String>, on db: any Database) async throws -> [SelectOption] {
        let units = try await Unit.query(on: db).filter(\.$isDisabled == false).sort(\.$sortOrder).sort(\.$name).all()
        let reach = access.alertUnits
        var children: [UUID?: [ZhengtongApp.Unit]] = [:]
        for unit in units { children[unit.$parent.id, default: []].append(unit) }
        var result: [SelectOption] = []
        func walk(_ parent: UUID?, depth: Int) {
            for unit in children[parent] ?? [] {
                guard let id = unit.id else { continue }
                let shown = reach.contains(id)
                if shown {
                    result.append(SelectOption(value: id.uuidString, label: String(repeating: "　", count: depth) + unit.name, selected: chosen.contains(id.uuidString)))
                }
                walk(id, depth: shown ? depth + 1 : depth)
            }
        }
        walk(nil, depth: 0)
        return result
    }

    private func renderForm(_ req: Request, form: SendForm, errors: [String: String], error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let access = try await req.access()
        let levels = Alert.Level.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Alerts.levelLabel($0), selected: form.level == $0.rawValue) }
        let categories = Alert.Category.allCases.map { SelectOption(value: $0.rawValue, label: Strings.Alerts.categoryLabel($0), selected: form.category == $0.rawValue) }
        return try await req.renderPage("alerts/form", title: Strings.Alerts.newTitle, section: .alerts, FormPage(
            action: SiteURL.alerts.path, form: form, levels: levels, categories: categories,
            units: try await unitOptions(access, chosen: Set(form.units ?? []), on: req.db),
            unitTrees: try await unitOptions(access, chosen: Set(form.unitTrees ?? []), on: req.db),
            errors: errors, error: error, bodyLimit: Strings.Alerts.bodyLimit, cancelHref: SiteURL.alerts.path + "?box=sent"), status: status)
    }

    @Sendable func send(req: Request) async throws -> Response {
        let access = try await req.access()
        let form = try req.content.decode(SendForm.self)
        do {
            let alert = try await AlertService.send(.init(title: form.title, body: form.body, level: form.level, category: form.category,
                                                          units: (form.units ?? []).compactMap(UUID.init(uuidString:)),
                                                          unitTrees: (form.unitTrees ?? []).compactMap(UUID.init(uuidString:))),
                                                    access: access, actor: req.workflowActor(access), app: req.application)
            req.flash(Strings.Alerts.sent)
            return req.redirect(to: SiteURL.alert.link(try alert.requireID()))
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderForm(req, form: form, errors: error.fields, error: error.message, status: error.status)
        }
    }

    // MARK: The alert

    @Sendable func show(req: Request) async throws -> Response {
        let access = try await req.access()
        let alert = try await AlertLookup.visible(try req.idParameter("alertID"), access: access, on: req.db)
        let detail = try await AlertViews.detail(alert, access: access, on: req.db)
        let status = detail.status
        func row(_ person: AlertPersonLine, time: Date) -> PersonRow {
            PersonRow(name: person.name, unit: person.unit, phone: person.phone, timeText: DisplayFormat.minute(time), round: Strings.Alerts.round(person.lastRound))
        }
        let people = status?.people ?? []
        let total = status?.total ?? 0, confirmedCount = status?.confirmed ?? 0
        let open = alert.stateValue == .open
        let page = ShowPage(
            alert: detail, major: alert.levelValue == .major, closed: !open, sentText: DisplayFormat.minute(alert.sentAt),
            closedText: alert.closedAt.map(DisplayFormat.minute), confirmedText: detail.mine?.confirmedAt.map(DisplayFormat.minute),
            units: status?.units ?? [],
            unconfirmed: people.filter { $0.confirmedAt == nil }.map { row($0, time: $0.lastSentAt) },
            confirmed: people.compactMap { person in person.confirmedAt.map { row(person, time: $0) } },
            rounds: (status?.rounds ?? []).map { RoundRow(label: Strings.Alerts.round($0.round), timeText: DisplayFormat.minute($0.sentAt), sentBy: $0.sentBy,
                                                          recipients: $0.recipients) },
            total: total, confirmedCount: confirmedCount, unconfirmedCount: total - confirmedCount,
            percent: total == 0 ? 0 : confirmedCount * 100 / total,
            confirmAction: SiteURL.alertConfirm.link(detail.id), resendAction: SiteURL.alertResend.link(detail.id),
            closeAction: SiteURL.alertClose.link(detail.id), canResend: detail.canFollow && open && total > confirmedCount,
            canClose: detail.canFollow && open, listHref: SiteURL.alerts.path + (detail.canFollow && detail.mine == nil ? "?box=sent" : ""))
        return try await req.renderPage("alerts/show", title: alert.title, section: .alerts, page)
    }

    /// After a page action, back to the alert page with the outcome; a refusal (closed, nothing to resend) as the
    /// one-time message, since there is no form to re-render.
    private func act(_ req: Request, back: String, _ action: () async throws -> String) async throws -> Response {
        do {
            req.flash(try await action())
        } catch let error as AppError where error.status == .conflict || error.status == .forbidden {
            req.flash(error.message)
        }
        return req.redirect(to: back)
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("alertID")
        let form = try req.content.decode(ConfirmForm.self)
        // The desk's button comes back to the desk; anything else to the alert page (never an address from the form).
        let back = form.back == "desk" ? SiteURL.home.path : SiteURL.alert.link(id)
        return try await act(req, back: back) {
            try await AlertService.confirm(id, access: access, actor: req.workflowActor(access), app: req.application)
            return Strings.Alerts.confirmed
        }
    }

    @Sendable func resend(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("alertID")
        return try await act(req, back: SiteURL.alert.link(id)) {
            Strings.Alerts.resent(try await AlertService.resend(id, access: access, actor: req.workflowActor(access), app: req.application))
        }
    }

    @Sendable func close(req: Request) async throws -> Response {
        let access = try await req.access()
        let id = try req.idParameter("alertID")
        return try await act(req, back: SiteURL.alert.link(id)) {
            try await AlertService.close(id, access: access, actor: req.workflowActor(access), app: req.application)
            return Strings.Alerts.closedFlash
        }
    }
}
