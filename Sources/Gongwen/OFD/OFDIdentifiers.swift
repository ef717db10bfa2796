import Foundation

/// Object identifiers (ST_ID) handed out from one counter for the whole document, so that every ID is
/// unique across all its files and the last one handed out is `MaxUnitID`.
struct OFDIdentifiers {
    private(set) var maxUnitID = 0

    mutating func next() -> Int {
        maxUnitID += 1
        return maxUnitID
    }
}
