import Foundation
import Gongwen
import NIOConcurrencyHelpers

/// The fonts every OFD the platform writes carries subsets of: the office's own font directories
/// (`ZHENGTONG_FONT_DIRS`) first, then the system's (`FontLibrary.systemDirectories`).
///
/// Fonts belong to the machine, not to a request or a unit, so the library is read once per process — on
/// the first OFD written, not at start-up, which stays quick — and kept until the directories change.
enum DocumentFonts {
    private struct State {
        var officeDirectories: [String] = []
        var library: FontLibrary?
    }

    private static let state = NIOLockedValueBox(State())

    /// Set by `configure` from `AppConfig.fontDirectories`.
    static func use(officeDirectories: [String]) {
        state.withLockedValue { state in
            guard state.officeDirectories != officeDirectories else { return }
            state = State(officeDirectories: officeDirectories, library: nil)
        }
    }

    /// For commands that run without `configure` (`gongwen render`, `gongwen fonts`): the directories
    /// `ZHENGTONG_FONT_DIRS` names, when the environment is a valid configuration.
    static func useConfiguredDirectories() {
        if let config = try? AppConfig.fromEnvironment() { use(officeDirectories: config.fontDirectories) }
    }

    /// The library, scanned on first use (a fraction of a second, under the lock: the first OFDs wait for it
    /// rather than each scanning).
    static var library: FontLibrary {
        state.withLockedValue { state in
            if let library = state.library { return library }
            let library = FontLibrary.scanning(state.officeDirectories + FontLibrary.systemDirectories)
            state.library = library
            return library
        }
    }
}
