import Foundation

/// The pages of 值班 (see ``SiteURL``).
extension SiteURL {
    static let duty = SiteURL("/duty")
    static let dutyKinds = SiteURL("/duty/kinds")
    static let dutyRotas = SiteURL("/duty/rotas")
    static let dutyRota = SiteURL("/duty/rotas/:rotaID")
    static let dutyRotaGenerate = SiteURL("/duty/rotas/:rotaID/generate")
    static let dutyRotaPublish = SiteURL("/duty/rotas/:rotaID/publish")
    static let dutyRotaPrint = SiteURL("/duty/rotas/:rotaID/print")
    static let dutyShift = SiteURL("/duty/shifts/:shiftID")
    static let dutyShiftLog = SiteURL("/duty/shifts/:shiftID/log")
    static let dutyShiftHandover = SiteURL("/duty/shifts/:shiftID/handover")
    static let dutyShiftSignOff = SiteURL("/duty/shifts/:shiftID/sign-off")
    static let dutyShiftSwaps = SiteURL("/duty/shifts/:shiftID/swaps")
    static let dutySwapDecision = SiteURL("/duty/swaps/:swapID/decision")
    static let dutyLogAction = SiteURL("/duty/log/:entryID/:action")
}

/// The API paths of 值班 (see ``APIURL``).
extension APIURL {
    static let dutyKinds = APIURL("duty/shift-kinds")
    static let dutyRotas = APIURL("duty/rotas")
    static let dutyRota = APIURL("duty/rotas/:rotaID")
    static let dutyRotaGenerate = APIURL("duty/rotas/:rotaID/generate")
    static let dutyRotaPublish = APIURL("duty/rotas/:rotaID/publish")
    static let dutyShift = APIURL("duty/shifts/:shiftID")
    static let dutyShiftLog = APIURL("duty/shifts/:shiftID/log")
    static let dutyShiftHandover = APIURL("duty/shifts/:shiftID/handover")
    static let dutyShiftSignOff = APIURL("duty/shifts/:shiftID/sign-off")
    static let dutySwaps = APIURL("duty/swaps")
    static let dutySwapAccept = APIURL("duty/swaps/:swapID/accept")
    static let dutySwapDecline = APIURL("duty/swaps/:swapID/decline")
    static let dutySwapApprove = APIURL("duty/swaps/:swapID/approve")
    static let dutySwapReject = APIURL("duty/swaps/:swapID/reject")
    static let dutyLogClose = APIURL("duty/log/:entryID/close")
    static let dutyLogForward = APIURL("duty/log/:entryID/forward")
    static let dutyLogSupervise = APIURL("duty/log/:entryID/supervise")
    static let dutyLogRegister = APIURL("duty/log/:entryID/register")
}
