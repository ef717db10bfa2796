import Crypto
import ElectronicSeal
import Foundation
import Guomi

/// One way a package departs from GB/T 33190's structure.
public struct OFDProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file of the package the problem is in ("(package)" for the container itself).
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}

/// Checks an OFD package against the structure GB/T 33190-2016 lays down — the entry file, documents, pages,
/// resources, annotations and signatures, how each names the others (`ST_Loc`, `ST_RefID`), object identifiers and
/// `MaxUnitID`, and every signed file's digest — reading the package as any reader would, without the writer's code.
///
/// Beyond the standard, one rule of this platform: a seal protects the whole document, so every file outside the
/// signatures' own must be among each signature's references.
public enum OFDStructureCheck {
    public static let namespace = "http://www.ofdspec.org/2016"
    /// `CheckMethod` of SHA-256.
    public static let sha256 = "2.16.840.1.101.3.4.2.1"
    /// `CheckMethod` of SM3 (GB/T 38540 seals).
    public static let sm3 = SM3.oid

    public static func problems(in data: Data) -> [OFDProblem] {
        guard let package = try? OFDPackage(data) else { return [OFDProblem(file: "(package)", message: "not a readable ZIP container")] }
        return problems(in: package)
    }

    public static func problems(in package: OFDPackage) -> [OFDProblem] {
        var run = CheckRun(package: package)
        run.checkEntry()
        return run.problems
    }

    /// GB/T 33190 `ST_Loc`: from the package root when it starts with "/", else from the folder of the file that
    /// names it.
    public static func resolve(_ location: String, from file: String) -> String {
        let location = location.trimmingCharacters(in: .whitespacesAndNewlines)
        var parts: [Substring] = location.hasPrefix("/") ? [] : Array(file.split(separator: "/").dropLast())
        for part in location.split(separator: "/") where part != "." {
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// One pass over a package, collecting problems.
private struct CheckRun {
    let package: OFDPackage
    var problems: [OFDProblem] = []
    private var parsed: [String: OFDXMLElement] = [:]

    init(package: OFDPackage) {
        self.package = package
    }

    mutating func report(_ file: String, _ message: String) {
        problems.append(OFDProblem(file: file, message: message))
    }

    // MARK: Files and locations

    /// The parsed XML file at `path`; parsing it the first time checks what every OFD XML file must be: well formed,
    /// every element in the OFD namespace, attributes without a prefix.
    mutating func xml(_ path: String) -> OFDXMLElement? {
        if let known = parsed[path] { return known }
        guard let data = package.files[path] else { return nil }
        guard let root = try? OFDXMLElement.parse(data) else {
            report(path, "is not well-formed XML")
            return nil
        }
        for element in root.allElements {
            if element.namespaceURI != OFDStructureCheck.namespace {
                report(path, "element \(element.qualifiedName) is not in the OFD namespace \(OFDStructureCheck.namespace)")
            }
            for name in element.attributes.keys where name.contains(":") && !name.hasPrefix("xmlns") {
                report(path, "attribute \(name) of \(element.localName) has a prefix (OFD attributes have none)")
            }
        }
        parsed[path] = root
        return root
    }

    /// The package path `location` names from `file`, reported when it names nothing in the package.
    mutating func target(_ location: String?, from file: String, _ what: String) -> String? {
        guard let location, !location.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            report(file, "\(what): no location given")
            return nil
        }
        let path = OFDStructureCheck.resolve(location, from: file)
        guard package.files[path] != nil else {
            report(file, "\(what) \"\(location)\" names \(path), which is not in the package")
            return nil
        }
        return path
    }

    /// The XML file `location` names from `file`, with the root element `root`.
    mutating func xmlTarget(_ location: String?, from file: String, _ what: String, root: String) -> (path: String, element: OFDXMLElement)? {
        guard let path = target(location, from: file, what), let element = xml(path) else { return nil }
        guard element.localName == root else {
            report(path, "root element is \(element.localName), \(what) must be \(root)")
            return nil
        }
        return (path, element)
    }

    // MARK: Entry file

    mutating func checkEntry() {
        guard package.files["OFD.xml"] != nil else {
            report("(package)", "no OFD.xml at the root of the package")
            return
        }
        guard let entry = xml("OFD.xml") else { return }
        if entry.localName != "OFD" { report("OFD.xml", "root element is \(entry.localName), not OFD") }
        if entry.attributes["Version"]?.isEmpty ?? true { report("OFD.xml", "OFD has no Version") }
        if entry.attributes["DocType"] != "OFD" { report("OFD.xml", "DocType is \(entry.attributes["DocType"] ?? "missing"), not OFD") }
        let bodies = entry.children.filter { $0.localName == "DocBody" }
        if bodies.isEmpty { report("OFD.xml", "no DocBody") }
        for body in bodies {
            if let info = body.child("DocInfo") {
                let docID = info.value("DocID") ?? ""
                if docID.count != 32 || !docID.allSatisfy(\.isHexDigit) { report("OFD.xml", "DocID \"\(docID)\" is not 32 hexadecimal digits") }
            } else {
                report("OFD.xml", "DocBody has no DocInfo")
            }
            guard let document = xmlTarget(body.value("DocRoot"), from: "OFD.xml", "DocRoot", root: "Document") else { continue }
            let pages = checkDocument(document.path, document.element)
            if let signatures = body.value("Signatures") {
                checkSignatures(signatures, pages: pages)
            }
        }
    }

    // MARK: Document

    /// Checks a document and everything it names; returns its pages' identifiers.
    mutating func checkDocument(_ path: String, _ document: OFDXMLElement) -> Set<UInt64> {
        guard let common = document.child("CommonData") else {
            report(path, "no CommonData")
            return []
        }
        let maxUnitID = common.value("MaxUnitID").flatMap { UInt64($0) }
        if maxUnitID == nil { report(path, "MaxUnitID is missing or not a whole number") }
        let box = (common.child("PageArea")?.value("PhysicalBox") ?? "").split(separator: " ").compactMap { Double($0) }
        if box.count != 4 || box[2] <= 0 || box[3] <= 0 { report(path, "PageArea has no PhysicalBox of four numbers with a positive size") }

        // Files whose objects share the document's identifier space.
        var unitFiles: [String] = [path]
        var resources = Resources()
        for kind in ["PublicRes", "DocumentRes"] {
            for location in common.children.filter({ $0.localName == kind }) {
                guard let res = xmlTarget(location.text, from: path, kind, root: "Res") else { continue }
                unitFiles.append(res.path)
                resources.add(checkResources(res.path, res.element))
            }
        }
        // Files with objects that name resources: templates, pages, page annotations.
        var contentFiles: [String] = []
        var templates: Set<String> = []
        for template in common.children.filter({ $0.localName == "TemplatePage" }) {
            if let id = template.attributes["ID"] { templates.insert(id) }
            guard let page = xmlTarget(template.attributes["BaseLoc"], from: path, "TemplatePage BaseLoc", root: "Page") else { continue }
            unitFiles.append(page.path)
            contentFiles.append(page.path)
        }
        var pageIDs: Set<UInt64> = []
        for page in document.child("Pages")?.children.filter({ $0.localName == "Page" }) ?? [] {
            if let id = page.attributes["ID"].flatMap({ UInt64($0) }) { pageIDs.insert(id) }
            guard let content = xmlTarget(page.attributes["BaseLoc"], from: path, "Page BaseLoc", root: "Page") else { continue }
            unitFiles.append(content.path)
            contentFiles.append(content.path)
            for template in content.element.children.filter({ $0.localName == "Template" }) where !templates.contains(template.attributes["TemplateID"] ?? "") {
                report(content.path, "Template names TemplateID \(template.attributes["TemplateID"] ?? "missing"), which no TemplatePage has")
            }
        }
        if pageIDs.isEmpty { report(path, "no Page") }
        if let location = document.value("Annotations"), let annotations = xmlTarget(location, from: path, "Annotations", root: "Annotations") {
            for page in annotations.element.children.filter({ $0.localName == "Page" }) {
                if !pageIDs.contains(page.attributes["PageID"].flatMap { UInt64($0) } ?? 0) {
                    report(annotations.path, "annotations name PageID \(page.attributes["PageID"] ?? "missing"), which is no page")
                }
                if let file = xmlTarget(page.value("FileLoc"), from: annotations.path, "FileLoc", root: "PageAnnot") {
                    unitFiles.append(file.path)
                    contentFiles.append(file.path)
                }
            }
        }
        for kind in ["Attachments", "CustomTags"] {
            if let location = document.value(kind) { _ = target(location, from: path, kind) }
        }
        checkIdentifiers(in: unitFiles, maxUnitID: maxUnitID, document: path)
        checkReferences(in: contentFiles, resources)
        return pageIDs
    }

    /// What a document's resource files declare.
    struct Resources {
        var fonts: Set<String> = []
        var media: Set<String> = []
        var drawParams: Set<String> = []
        var colorSpaces: Set<String> = []

        mutating func add(_ other: Resources) {
            fonts.formUnion(other.fonts)
            media.formUnion(other.media)
            drawParams.formUnion(other.drawParams)
            colorSpaces.formUnion(other.colorSpaces)
        }
    }

    /// A resource file: its files (`MediaFile`, `FontFile`) are found under its `BaseLoc`.
    mutating func checkResources(_ path: String, _ res: OFDXMLElement) -> Resources {
        let base = res.attributes["BaseLoc"].map { OFDStructureCheck.resolve($0, from: path) + "/x" } ?? path
        var found = Resources()
        for font in res.all("Font") {
            if let id = font.attributes["ID"] { found.fonts.insert(id) }
            if font.attributes["FontName"]?.isEmpty ?? true { report(path, "Font \(font.attributes["ID"] ?? "") has no FontName") }
            if let file = font.value("FontFile") { _ = target(file, from: base, "FontFile") }
        }
        for media in res.all("MultiMedia") {
            if let id = media.attributes["ID"] { found.media.insert(id) }
            _ = target(media.value("MediaFile"), from: base, "MediaFile")
        }
        found.drawParams = Set(res.all("DrawParam").compactMap { $0.attributes["ID"] })
        found.colorSpaces = Set(res.all("ColorSpace").compactMap { $0.attributes["ID"] })
        return found
    }

    /// Object identifiers (`ST_ID`): whole numbers above zero, each used once in the document, none above `MaxUnitID`.
    mutating func checkIdentifiers(in files: [String], maxUnitID: UInt64?, document: String) {
        var seen: [UInt64: String] = [:]
        var highest: UInt64 = 0
        for file in files {
            guard let root = parsed[file] else { continue }
            for element in root.allElements {
                guard let raw = element.attributes["ID"] else { continue }
                guard let id = UInt64(raw), id > 0 else {
                    report(file, "\(element.localName) has ID \"\(raw)\", not a whole number above zero")
                    continue
                }
                if let first = seen[id] {
                    report(file, "ID \(id) of \(element.localName) is used again (first in \(first))")
                }
                seen[id] = seen[id] ?? file
                highest = max(highest, id)
            }
        }
        if let maxUnitID, highest > maxUnitID { report(document, "MaxUnitID is \(maxUnitID) but an object has ID \(highest)") }
    }

    /// References (`ST_RefID`) from page content to the resources declared.
    mutating func checkReferences(in files: [String], _ resources: Resources) {
        for file in files {
            guard let root = parsed[file] else { continue }
            for element in root.allElements {
                if element.localName == "TextObject", !resources.fonts.contains(element.attributes["Font"] ?? "") {
                    report(file, "TextObject \(element.attributes["ID"] ?? "") names Font \(element.attributes["Font"] ?? "missing"), which no resource declares")
                }
                if element.localName == "ImageObject", !resources.media.contains(element.attributes["ResourceID"] ?? "") {
                    report(file, "ImageObject \(element.attributes["ID"] ?? "") names ResourceID \(element.attributes["ResourceID"] ?? "missing"), which no MultiMedia declares")
                }
                if let drawParam = element.attributes["DrawParam"], !resources.drawParams.contains(drawParam) {
                    report(file, "\(element.localName) names DrawParam \(drawParam), which no resource declares")
                }
                if let colorSpace = element.attributes["ColorSpace"], !resources.colorSpaces.contains(colorSpace) {
                    report(file, "\(element.localName) names ColorSpace \(colorSpace), which no resource declares")
                }
            }
        }
    }

    // MARK: Signatures

    mutating func checkSignatures(_ location: String, pages: Set<UInt64>) {
        guard let list = xmlTarget(location, from: "OFD.xml", "Signatures", root: "Signatures") else { return }
        var ids: Set<String> = []
        for signature in list.element.children.filter({ $0.localName == "Signature" }) {
            let id = signature.attributes["ID"] ?? ""
            if id.isEmpty { report(list.path, "a Signature has no ID") }
            if !ids.insert(id).inserted { report(list.path, "Signature ID \(id) is used again") }
            guard let file = xmlTarget(signature.attributes["BaseLoc"], from: list.path, "Signature BaseLoc", root: "Signature") else { continue }
            checkSignature(file.path, file.element, signatures: list.path, pages: pages)
        }
        if ids.isEmpty { report(list.path, "no Signature") }
    }

    /// One signature: every referenced file present with the digest it records, the signed value present, the
    /// stamp on a page of the document, and every file outside the signatures protected.
    mutating func checkSignature(_ path: String, _ signature: OFDXMLElement, signatures: String, pages: Set<UInt64>) {
        guard let info = signature.child("SignedInfo") else {
            report(path, "no SignedInfo")
            return
        }
        guard let references = info.child("References") else {
            report(path, "no References")
            return
        }
        let method = references.attributes["CheckMethod"] ?? ""
        var protected: Set<String> = []
        for reference in references.children.filter({ $0.localName == "Reference" }) {
            guard let file = target(reference.attributes["FileRef"], from: path, "Reference FileRef"), let data = package.files[file] else { continue }
            protected.insert(file)
            guard let recorded = Data(base64Encoded: reference.value("CheckValue") ?? "") else {
                report(path, "CheckValue of \(file) is not Base64")
                continue
            }
            switch method {
            case OFDStructureCheck.sha256:
                if Data(SHA256.hash(data: data)) != recorded { report(path, "the digest of \(file) does not match its CheckValue") }
            case OFDStructureCheck.sm3:
                if SM3.hash(data) != recorded { report(path, "the digest of \(file) does not match its CheckValue") }
            default:
                report(path, "CheckMethod \(method.isEmpty ? "missing" : method) cannot be checked here (SHA-256 and SM3 only)")
            }
        }
        var signedValue: Data?
        if let value = signature.value("SignedValue") {
            signedValue = target(value, from: path, "SignedValue").flatMap { package.files[$0] }
        } else {
            report(path, "no SignedValue")
        }
        let sealFile = info.child("Seal")?.value("BaseLoc").flatMap { target($0, from: path, "Seal BaseLoc") }
        // A national seal: the SES_Signature must hold over this Signature.xml, and Seal.esl must be its seal.
        if info.value("SignatureMethod") == SM2.signatureOID, let signedValue, let xml = package.files[path] {
            if let ses = try? SESSignature(derRepresentation: signedValue) {
                let verdict = SESVerification.check(ses, signedData: xml)
                if verdict != .valid { report(path, "the SES_Signature does not hold: \(verdict.rawValue)") }
                if ses.propertyInfo != "/" + path { report(path, "the SES_Signature's propertyInfo \(ses.propertyInfo) is not this file") }
                if let sealFile, package.files[sealFile] != ses.seal.derRepresentation { report(path, "Seal.esl is not the seal in the SES_Signature") }
            } else {
                report(path, "SignedValue is not an SES_Signature (GB/T 38540 version 4)")
            }
        }
        for stamp in info.children.filter({ $0.localName == "StampAnnot" }) where !pages.contains(stamp.attributes["PageRef"].flatMap { UInt64($0) } ?? 0) {
            report(path, "StampAnnot names PageRef \(stamp.attributes["PageRef"] ?? "missing"), which is no page")
        }
        // The signatures' own files (the list, and every signature's folder) cannot protect themselves.
        let signatureFolders = package.files.keys.filter { $0.hasSuffix("/Signature.xml") }.map { String($0.dropLast("Signature.xml".count)) }
        for file in package.files.keys.sorted() where !protected.contains(file) && file != signatures
            && !signatureFolders.contains(where: { file.hasPrefix($0) }) {
            report(path, "\(file) is not protected by the signature")
        }
    }
}
