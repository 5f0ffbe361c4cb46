/// The login records of an identity-provider file: each source record through its vendor's
/// mapper (one record can hold several sign-ins: a Google activity's events).
enum SignInMappers {
    static func records(_ source: SignInSource) -> () throws -> LoginRecord? {
        var okta = OktaSignInMapper(), entra = EntraSignInMapper(), google = GoogleSignInMapper()
        var pending: [LoginRecord] = []
        return {
            while pending.isEmpty {
                guard let r = try source.next() else { return nil }
                switch source.kind {
                case .okta: pending = [try okta.map(r)]
                case .entra: pending = [try entra.map(r)]
                default: pending = try google.map(r).reversed()
                }
            }
            return pending.removeLast()
        }
    }
}
