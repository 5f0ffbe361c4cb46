/// A candidate's successful sign-ins by the device posture the identity provider reported
/// (login_event.device_managed): managed or unmanaged; and the sign-ins that reported none.
public struct DevicePosture: Sendable, Equatable {
    public var managed: Int
    public var unmanaged: Int
    /// Sign-ins (any outcome, from login_hour) whose source says nothing about the device (Google's
    /// login audit, Okta without device context).
    public var unknown: Int
    public var firstUnmanagedAt: Int64?
    public var lastUnmanagedAt: Int64?
    /// Store-wide: of the people whose sign-ins or endpoint agents report a device, the share with a
    /// managed one. Low where contractors normally work on their own machines, so "never a managed
    /// device" only says something where the company issues laptops.
    public var peerManagedShare: Double?
    public init(managed: Int = 0, unmanaged: Int = 0, unknown: Int = 0, firstUnmanagedAt: Int64? = nil,
                lastUnmanagedAt: Int64? = nil) {
        self.managed = managed; self.unmanaged = unmanaged; self.unknown = unknown
        self.firstUnmanagedAt = firstUnmanagedAt; self.lastUnmanagedAt = lastUnmanagedAt
    }
    public var total: Int { managed + unmanaged + unknown }
}
