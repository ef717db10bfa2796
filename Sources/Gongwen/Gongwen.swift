// Gongwen models official documents (公文) as the 《党政机关公文处理工作条例》 (2012) defines them, so the
// app, the command line and tests share one set of rules. No web framework or database: Foundation,
// swift-crypto (seal signatures) and ZIPFoundation (the OFD package) only.
//
// - Plain values: document kinds (`DocumentKind`) and their direction, 发文字号 (`DocumentNumber`), 成文日期
//   (`DocumentDate`), 密级 and 紧急程度 (`Classification`, `SecurityMarking`, `Urgency`).
// - `Document/`: the whole document with its 18 format elements (`OfficialDocument`), its body's heading
//   levels, and the rules an office director checks (`DocumentRules`).
// - `Layout/`: GB/T 9704-2012 page layout into positioned text and rules (`LaidOutDocument`), and the
//   print view (HTML) drawn from it.
// - `OFD/`: the GB/T 33190-2016 package drawn from the same layout.
// - `Seal/`: the seal image and its signature.
// - `Revisions/`: differences between two versions of a text (痕迹保留).
//
// Do not declare a type named `Gongwen`: it would shadow the module and break `Gongwen.DocumentKind` spellings.
