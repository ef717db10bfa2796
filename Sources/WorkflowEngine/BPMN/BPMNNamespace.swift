/// The namespace URIs BPMN files use. Elements and attributes are matched by these URIs, never by prefix.
enum BPMNNamespace {
    static let model = "http://www.omg.org/spec/BPMN/20100524/MODEL"
    static let bpmnDI = "http://www.omg.org/spec/BPMN/20100524/DI"
    static let dc = "http://www.omg.org/spec/DD/20100524/DC"
    static let di = "http://www.omg.org/spec/DD/20100524/DI"
    static let xsi = "http://www.w3.org/2001/XMLSchema-instance"
    static let camunda = "http://camunda.org/schema/1.0/bpmn"
    static let flowable = "http://flowable.org/bpmn"
    /// Activiti's attributes mean what Flowable's do (Flowable is its fork).
    static let activiti = "http://activiti.org/bpmn"
    static let zhengtong = "urn:zhengtong:bpmn:1"
    /// Camunda 8 (Zeebe): a service task's job type is an element, `<zeebe:taskDefinition type="…"/>`.
    static let zeebe = "http://camunda.org/schema/zeebe/1.0"
    static let xml = "http://www.w3.org/XML/1998/namespace"

    /// The extension namespaces whose attributes the model keeps, with the prefix `FlowNode.properties` uses.
    enum Extension: String, CaseIterable, Sendable {
        case zt, camunda, flowable

        init?(uri: String) {
            switch uri {
            case BPMNNamespace.zhengtong: self = .zt
            case BPMNNamespace.camunda: self = .camunda
            case BPMNNamespace.flowable, BPMNNamespace.activiti: self = .flowable
            default: return nil
            }
        }

        /// The URI written on export.
        var uri: String {
            switch self {
            case .zt: BPMNNamespace.zhengtong
            case .camunda: BPMNNamespace.camunda
            case .flowable: BPMNNamespace.flowable
            }
        }
    }
}
