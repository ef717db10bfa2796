import Foundation

/// Writes a laid-out document as an OFD package (GB/T 33190-2016), the format official documents are
/// archived and exchanged in.
///
/// The package holds one document, `Doc_0`:
///
///     OFD.xml                              DocInfo (ID, title, author, dates, 发文字号 …), DocRoot, Signatures
///     Doc_0/Document.xml                   MaxUnitID, A4 PageArea, PublicRes, one Page per layout page
///     Doc_0/PublicRes.xml                  one Font per face the text is drawn in …
///     Doc_0/Res/Font_N.ttf                 … each a subset holding the glyphs drawn in it (with a library)
///     Doc_0/DocumentRes.xml                (with pictures) one MultiMedia per distinct attachment picture …
///     Doc_0/Res/Image_N.png|jpg            … and its bytes
///     Doc_0/Pages/Page_N/Content.xml       one Layer: a TextObject per text run, a PathObject per rule,
///                                          an ImageObject per picture
///     Doc_0/Annots/Annotations.xml         (sealed) the pages carrying stamps …
///     Doc_0/Annots/Page_N/Annotation.xml   … and their Stamp annotations drawing the seals as vector graphics
///     Doc_0/Signs/Signatures.xml           (sealed) one Seal signature per seal …
///     Doc_0/Signs/Sign_N/Signature.xml     … its digests of the files above and its stamp's place
///     Doc_0/Signs/Sign_N/SignedValue.dat   … and the signature value (an SES_Signature for SM2 seals)
///     Doc_0/Signs/Sign_N/Seal.esl          … and, for SM2 seals, the seal (SESeal)
///
/// Every object ID is unique across the document and `MaxUnitID` is the largest. The layout's `.seal`
/// items only say where a seal belongs: a seal is drawn when it is given, as a signed stamp, never as
/// plain page content that would look sealed without being signed.
///
/// The same inputs give the same bytes (ZIP entry dates are the metadata's modification date), so a package
/// can be rebuilt and compared.
public enum OFDWriter {
    /// The package's bytes (a ZIP file, conventionally saved as `.ofd`).
    ///
    /// With `fonts`, the package carries subsets of the faces its text is drawn in (see `OFDFontResources`);
    /// without, it names the fonts and a reader substitutes installed ones.
    public static func package(_ layout: LaidOutDocument, metadata: OFDMetadata, seal: OFDSeal?, fonts library: FontLibrary? = nil) throws -> Data {
        try package(layout, metadata: metadata, seals: seal.map { [$0] } ?? [], fonts: library)
    }

    /// The same with any number of seals (联合行文: one per issuer), each a Stamp annotation with its own Seal
    /// signature over the same files.
    public static func package(_ layout: LaidOutDocument, metadata: OFDMetadata, seals: [OFDSeal], fonts library: FontLibrary? = nil) throws -> Data {
        guard !layout.pages.isEmpty else { throw OFDWriterError.noPages }
        for seal in seals {
            guard layout.pages.indices.contains(seal.pageIndex) else {
                throw OFDWriterError.sealPageOutOfRange(pageIndex: seal.pageIndex, pageCount: layout.pages.count)
            }
            guard seal.placement.diameter > 0, seal.design.diameter > 0 else { throw OFDWriterError.invalidSealSize }
        }

        var ids = OFDIdentifiers()
        let fonts = try OFDFontResources(layout: layout, seals: seals, library: library, ids: &ids)
        let images = imageIDs(layout: layout, ids: &ids)
        let pageIDs = layout.pages.map { _ in ids.next() }

        var docFiles: [(path: String, data: Data)] = []
        for (index, page) in layout.pages.enumerated() {
            docFiles.append((pageLoc(index), try pageContent(page, fonts: fonts, images: images, ids: &ids)))
        }
        for image in images.ordered {
            docFiles.append(("Res/\(image.file)", image.image.data))
        }
        for font in fonts.files {
            docFiles.append(("Res/\(font.path)", font.data))
        }

        // One annotation file per sealed page, holding that page's stamps in the seals' order.
        var annotationsLoc: String?
        let sealedPages = Array(Set(seals.map(\.pageIndex))).sorted()
        if !sealedPages.isEmpty {
            let annotations = OFDElement("Annotations", children: sealedPages.map { page in
                OFDElement("Page", [("PageID", String(pageIDs[page]))], children: [
                    OFDElement("FileLoc", text: "Page_\(page)/Annotation.xml"),
                ])
            })
            annotationsLoc = "Annots/Annotations.xml"
            docFiles.append(("Annots/Annotations.xml", annotations.document()))
            for page in sealedPages {
                let annot = OFDElement("PageAnnot", children: seals.filter { $0.pageIndex == page }.map { seal in
                    OFDElement("Annot", [
                        ("ID", String(ids.next())), ("Type", "Stamp"), ("Creator", seal.signature.signerName),
                        ("LastModDate", OFDFormat.date(seal.signature.time)),
                    ], children: [
                        seal.design.ofdAppearance(placement: seal.placement, ids: &ids, fonts: fonts),
                    ])
                })
                docFiles.append(("Annots/Page_\(page)/Annotation.xml", annot.document()))
            }
        }

        let publicRes = OFDElement("Res", [("BaseLoc", "Res")], children: fonts.elements.isEmpty ? [] : [
            OFDElement("Fonts", children: fonts.elements),
        ])

        // Written last among the object files: MaxUnitID is known only now.
        var documentChildren = [
            OFDElement("CommonData", children: [
                OFDElement("MaxUnitID", text: String(ids.maxUnitID)),
                OFDElement("PageArea", children: [
                    OFDElement("PhysicalBox", text: OFDFormat.box(x: 0, y: 0, width: LaidOutPage.width, height: LaidOutPage.height)),
                ]),
                OFDElement("PublicRes", text: "PublicRes.xml"),
            ] + (images.ordered.isEmpty ? [] : [OFDElement("DocumentRes", text: "DocumentRes.xml")])),
            OFDElement("Pages", children: pageIDs.enumerated().map { index, id in
                OFDElement("Page", [("ID", String(id)), ("BaseLoc", pageLoc(index))])
            }),
        ]
        if let annotationsLoc { documentChildren.append(OFDElement("Annotations", text: annotationsLoc)) }
        let document = OFDElement("Document", children: documentChildren)

        let signsLoc = "Doc_0/Signs/Signatures.xml"
        var files: [(path: String, data: Data)] = [
            ("OFD.xml", ofdEntry(metadata: metadata, signaturesLoc: seals.isEmpty ? nil : signsLoc)),
            ("Doc_0/Document.xml", document.document()),
            ("Doc_0/PublicRes.xml", publicRes.document()),
        ]
        if !images.ordered.isEmpty {
            let documentRes = OFDElement("Res", [("BaseLoc", "Res")], children: [
                OFDElement("MultiMedias", children: images.ordered.map { image in
                    OFDElement("MultiMedia", [("ID", String(image.id)), ("Type", "Image"), ("Format", image.image.format.ofdFormat)], children: [
                        OFDElement("MediaFile", text: image.file),
                    ])
                }),
            ])
            files.append(("Doc_0/DocumentRes.xml", documentRes.document()))
        }
        files += docFiles.map { ("Doc_0/\($0.path)", $0.data) }

        if !seals.isEmpty {
            // Every file above is protected, by each signature alike: the text, the layout, the fonts, the
            // metadata and the stamps' drawings. The signatures' own files are not (they are written after).
            let protected = files.map { ("/\($0.path)", $0.data) }
            var signatureLocs: [String] = []
            for (index, seal) in seals.enumerated() {
                let signatureLoc = "/Doc_0/Signs/Sign_\(index)/Signature.xml"
                let signedValueLoc = "/Doc_0/Signs/Sign_\(index)/SignedValue.dat"
                let placement = seal.placement
                let radius = placement.diameter / 2
                let signatureXML = OFDSignatureFiles.signature(
                    seal.signature,
                    protected: protected,
                    pageID: pageIDs[seal.pageIndex],
                    stampBoundary: OFDFormat.box(x: placement.centerX - radius, y: placement.centerY - radius,
                                                 width: placement.diameter, height: placement.diameter),
                    signedValueLoc: signedValueLoc)
                let signedValue: Data
                switch seal.signature.value {
                case let .bytes(bytes): signedValue = bytes
                case let .signing(sign): signedValue = try sign(signatureXML, signatureLoc)
                }
                signatureLocs.append(signatureLoc)
                files.append((String(signatureLoc.dropFirst()), signatureXML))
                files.append((String(signedValueLoc.dropFirst()), signedValue))
                if let seal = seal.signature.sealFile {
                    files.append(("Doc_0/Signs/Sign_\(index)/\(OFDSignatureFiles.sealFileName)", seal))
                }
            }
            files.append((signsLoc, OFDSignatureFiles.signatures(signatureLocs: signatureLocs)))
        }

        return try OFDZip.archive(files, modificationDate: metadata.modificationDate)
    }

    /// A page's content file, relative to `Doc_0`.
    private static func pageLoc(_ index: Int) -> String { "Pages/Page_\(index)/Content.xml" }

    /// The pictures of the layout, each distinct one once, with its resource ID and file name.
    private struct ImageResources {
        var ordered: [(id: Int, file: String, image: LayoutImage)] = []
        var ids: [LayoutImage: Int] = [:]
    }

    private static func imageIDs(layout: LaidOutDocument, ids: inout OFDIdentifiers) -> ImageResources {
        var resources = ImageResources()
        for page in layout.pages {
            for case let .image(placed) in page.items where resources.ids[placed.image] == nil {
                let id = ids.next()
                resources.ids[placed.image] = id
                resources.ordered.append((id, "Image_\(resources.ordered.count).\(placed.image.format.ofdFileExtension)", placed.image))
            }
        }
        return resources
    }

    /// `Content.xml` of one page: a single body layer with the text runs, rules and pictures in layout order.
    private static func pageContent(_ page: LaidOutPage, fonts: OFDFontResources, images: ImageResources, ids: inout OFDIdentifiers) throws -> Data {
        let layer = ids.next()
        var objects: [OFDElement] = []
        for item in page.items {
            switch item {
            case let .text(run):
                objects += try run.ofdTextObjects(ids: &ids) { fonts.id(run.font, $0) }
            case let .rule(rule):
                objects.append(rule.ofdPathObject(id: ids.next()))
            case let .image(placed):
                guard let resource = images.ids[placed.image] else { continue }
                objects.append(placed.ofdImageObject(id: ids.next(), resourceID: resource))
            case .seal:
                continue
            }
        }
        return OFDElement("Page", children: [
            OFDElement("Content", children: [
                OFDElement("Layer", [("ID", String(layer)), ("Type", "Body")], children: objects),
            ]),
        ]).document()
    }

    /// `OFD.xml`: the package's entry with the document's DocInfo.
    private static func ofdEntry(metadata: OFDMetadata, signaturesLoc: String?) -> Data {
        var info = [
            OFDElement("DocID", text: metadata.docID),
            OFDElement("Title", text: metadata.title),
            OFDElement("Author", text: metadata.author),
            OFDElement("CreationDate", text: OFDFormat.date(metadata.creationDate)),
            OFDElement("ModDate", text: OFDFormat.date(metadata.modificationDate)),
            OFDElement("Creator", text: metadata.creator),
        ]
        if !metadata.customData.isEmpty {
            info.append(OFDElement("CustomDatas", children: metadata.customData.map {
                OFDElement("CustomData", [("Name", $0.name)], text: $0.value)
            }))
        }
        var body = [OFDElement("DocInfo", children: info), OFDElement("DocRoot", text: "Doc_0/Document.xml")]
        if let signaturesLoc { body.append(OFDElement("Signatures", text: signaturesLoc)) }
        return OFDElement("OFD", [("Version", "1.0"), ("DocType", "OFD")], children: [
            OFDElement("DocBody", children: body),
        ]).document()
    }
}
