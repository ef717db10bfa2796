// Gongwen models official documents (公文) as the 《党政机关公文处理工作条例》 (2012) defines them,
// in pure Swift with Foundation as its only dependency, so the app, jobs and tests share one set of rules.
//
// This first part holds the format elements that are plain values: the document kinds (`DocumentKind`)
// and their direction, the 发文字号 (`DocumentNumber`), 成文日期 and 印发日期 (`DocumentDate`), and the
// 密级 and 紧急程度 marks (`Classification`, `SecurityMarking`, `Urgency`).
// Page layout to GB/T 9704-2012 and OFD output (GB/T 33190-2016) come later and build on these types.
//
// Do not declare a type named `Gongwen`: it would shadow the module and break `Gongwen.DocumentKind` spellings.
