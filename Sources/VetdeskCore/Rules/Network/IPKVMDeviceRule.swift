/// IP-KVM hardware (PiKVM, TinyPilot...) or a Raspberry Pi attached to the company device,
/// letting someone elsewhere drive the laptop from a "laptop farm".
public struct IPKVMDeviceRule: Rule {
    public init() {}
    public let id = "ip_kvm_device"
    public let title = "IP-KVM or Raspberry Pi attached"
    public let severity = Severity.high
    public let weight = 0.45
    public let source = Sources.cite(Sources.microsoft2025, Sources.fbiJan2025, Sources.gtig2025)
    public let lists: [String: [String]] = [
        "names": ["pikvm", "tinypilot", "ip-kvm", "ipkvm", "jetkvm", "blikvm", "glkvm", "raspberry pi", "composite gadget"],
        // vendor:product, "*" for any product. 1d6b:0104 is the Linux USB gadget PiKVM/TinyPilot present; 2e8a Raspberry Pi.
        "usb_ids": ["1d6b:0104", "2e8a:*"],
    ]

    public func evaluate(_ ctx: RuleContext, _ s: RuleSettings) -> Flag? {
        guard !ctx.endpoints.isEmpty else { return nil }
        let names = s.list("names").map { $0.lowercased() }
        let ids = s.list("usb_ids").map { $0.lowercased() }
        let hits = ctx.endpoints.filter { e in
            guard e.kind == "usb" else { return false }
            if names.contains(where: { e.name.lowercased().contains($0) }) { return true }
            guard let v = e.vendorId?.lowercased() else { return false }
            let p = e.productId?.lowercased() ?? ""
            return ids.contains("\(v):\(p)") || ids.contains("\(v):*")
        }
        guard !hits.isEmpty else { return nil }
        let evidence = hits.sorted { $0.observedAt < $1.observedAt }.map { e -> Evidence in
            let usb = e.vendorId.map { " [\($0):\(e.productId ?? "?")]" } ?? ""
            return Evidence(kind: .endpoint, ref: e.id,
                            detail: "\(EvidenceText.time(e.observedAt)) USB \(Sanitize.forDisplay(e.name))\(usb) on \(Sanitize.forDisplay(e.deviceId ?? "device ?"))")
        }
        return flag(ctx, s, "IP-KVM/remote-control hardware attached: \(Set(hits.map { Sanitize.forDisplay($0.name) }).sorted().joined(separator: ", "))", evidence)
    }
}
