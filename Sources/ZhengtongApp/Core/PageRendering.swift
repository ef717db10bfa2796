import Fluent
import Leaf
import Vapor

/// A navigation entry in the top bar.
struct NavItem: Encodable, Sendable {
    var key: String
    var label: String
    var href: String
    var active: Bool
}

/// What the shared layout needs: who is signed in, navigation, CSRF token, one-time message.
struct LayoutContext: Encodable, Sendable {
    struct Person: Encodable, Sendable {
        var name: String
        var username: String
        var unitName: String
    }

    var title: String
    var person: Person?
    var nav: [NavItem]
    var csrf: String
    var flash: String?
    var product: String
    /// The bell's count.
    var unreadNotifications: Int
    /// This page's path, for links that point back at it (转发到邮件).
    var path: String
}

/// The context every template gets: `layout`, the string table `t`, and the page's own `page`.
struct PageContext<Page: Encodable & Sendable>: Encodable, Sendable {
    var layout: LayoutContext
    var t: PageStrings
    var page: Page
}

/// A page with nothing of its own to show.
struct EmptyPage: Encodable, Sendable {}

/// The top-level sections of the navigation bar; entries appear as features land.
enum NavSection: String, Sendable {
    case home, tasks, outgoing, incoming, exchange, archive, notices, supervision, meetings, statistics, directory, admin, calendar
    case duty
    case alerts
    case mail
    case reports
    case bulletins
}

extension Request {
    /// Renders `template` inside the shared layout.
    func renderPage<Page: Encodable & Sendable>(
        _ template: String, title: String, section: NavSection?, _ page: Page, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let context = PageContext(layout: try await layoutContext(title: title, section: section), t: .shared, page: page)
        let view = try await view.render(template, context)
        let response = try await view.encodeResponse(status: status, for: self)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func layoutContext(title: String, section: NavSection?) async throws -> LayoutContext {
        var person: LayoutContext.Person?
        var nav: [NavItem] = []
        var unread = 0
        if let user = auth.get(User.self) {
            unread = try await Notifier.unreadCount(of: user.requireID(), on: db)
            let access = try await access()
            person = .init(name: user.name, username: user.username, unitName: access.tree.nameOf[user.$unit.id] ?? "")
            nav.append(NavItem(key: "home", label: Strings.page["nav_home"]!, href: SiteURL.home.path, active: section == .home))
            nav.append(NavItem(key: "tasks", label: Strings.page["nav_tasks"]!, href: SiteURL.tasks.path, active: section == .tasks))
            nav.append(NavItem(key: "outgoing", label: Strings.page["nav_outgoing"]!, href: SiteURL.outgoingList.path, active: section == .outgoing))
            nav.append(NavItem(key: "mail", label: Strings.page["nav_mail"]!, href: SiteURL.mail.path, active: section == .mail))
            nav.append(NavItem(key: "notices", label: Strings.page["nav_notices"]!, href: SiteURL.notices.path, active: section == .notices))
            nav.append(NavItem(key: "supervision", label: Strings.page["nav_supervision"]!, href: SiteURL.supervision.path, active: section == .supervision))
            nav.append(NavItem(key: "meetings", label: Strings.page["nav_meetings"]!, href: SiteURL.meetings.path, active: section == .meetings))
            nav.append(NavItem(key: "duty", label: Strings.page["nav_duty"]!, href: SiteURL.duty.path, active: section == .duty))
            nav.append(NavItem(key: "calendar", label: Strings.page["nav_calendar"]!, href: SiteURL.calendar.path, active: section == .calendar))
            if access.has(.documentRegister) {
                nav.append(NavItem(key: "incoming", label: Strings.page["nav_incoming"]!, href: SiteURL.incomingList.path, active: section == .incoming))
                nav.append(NavItem(key: "exchange", label: Strings.page["nav_exchange"]!, href: SiteURL.exchange.path, active: section == .exchange))
            }
            // 预警: in the bar only for those who send them (the header is full); recipients reach it from the desk's
            // block, the bell and the SMS link.
            if access.sendsAlerts {
                nav.append(NavItem(key: "alerts", label: Strings.page["nav_alerts"]!, href: SiteURL.alerts.path, active: section == .alerts))
            }
            if access.has(.reportSubmit) || access.has(.reportEdit) {
                nav.append(NavItem(key: "reports", label: Strings.page["nav_reports"]!, href: SiteURL.reports.path, active: section == .reports))
            }
            // 刊物 for their editors; 信息专供 for leaders (readers who lead nothing reach issues from the bell).
            if access.has(.reportEdit) {
                nav.append(NavItem(key: "bulletins", label: Strings.page["nav_bulletins"]!, href: SiteURL.bulletins.path, active: section == .bulletins))
            } else if access.leadsUnit {
                nav.append(NavItem(key: "reading", label: Strings.page["nav_reading"]!, href: SiteURL.reading.path, active: section == .bulletins))
            }
            if access.has(.archiveManage) {
                nav.append(NavItem(key: "archive", label: Strings.page["nav_archive"]!, href: SiteURL.archive.path, active: section == .archive))
            }
            nav.append(NavItem(key: "statistics", label: Strings.page["nav_statistics"]!, href: SiteURL.statistics.path, active: section == .statistics))
            nav.append(NavItem(key: "directory", label: Strings.page["nav_directory"]!, href: SiteURL.directory.path, active: section == .directory))
            if AdminSection.all(for: access).isEmpty == false {
                nav.append(NavItem(key: "admin", label: Strings.page["nav_admin"]!, href: SiteURL.admin.path, active: section == .admin))
            }
        }
        return LayoutContext(
            title: title, person: person, nav: nav, csrf: sessionAvailable ? csrfToken : "", flash: takeFlash(), product: Strings.productName,
            unreadNotifications: unread, path: url.path)
    }
}

/// What a fragment template gets: the string table `t`, the CSRF token as `layout.csrf` (as in a page), and its
/// own `page`.
private struct FragmentContext<Page: Encodable & Sendable>: Encodable, Sendable {
    struct Layout: Encodable, Sendable {
        var csrf: String
    }

    var layout: Layout
    var t: PageStrings
    var page: Page
}

extension Request {
    /// Renders `template` on its own, as HTML to place inside a page (a business object's panel on the task
    /// page: the generic page shows it without knowing what it is). Leaf escapes the fragment's values as usual.
    func renderFragment(_ template: String, _ page: any Encodable & Sendable) async throws -> String {
        let context = FragmentContext(layout: .init(csrf: sessionAvailable ? csrfToken : ""), t: .shared, page: AnyEncodablePage(page))
        let view = try await view.render(template, context)
        return String(buffer: view.data)
    }
}

/// A fragment's content of whatever type its business object gave.
private struct AnyEncodablePage: Encodable, Sendable {
    let value: any Encodable & Sendable

    init(_ value: any Encodable & Sendable) { self.value = value }

    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
