import Foundation

/// Who files and keeps archives; part of the one scoping place (``Access``).
extension Access {
    /// The unit whose archive this person keeps: `requested` if their `archive.manage` covers it, else their own
    /// unit if it does; nil when they keep no archive.
    func archiveUnit(_ requested: UUID?) -> UUID? {
        if let requested, covers(.archiveManage, unit: requested) { return requested }
        return covers(.archiveManage, unit: unitID) ? unitID : nil
    }
}
