import GRDB

/// Shared GRDB conventions: snake_case columns, camelCase Swift properties.
public protocol SnakeCaseRecord: Codable, FetchableRecord, PersistableRecord {}
extension SnakeCaseRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

public struct IdentityCheck: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "identity_check"
    public var id: String
    public var candidateId: String
    public var checkedAt: Int64
    public var provider: String?
    public var documentType: String?
    public var documentCountry: String?
    public var result: String            // passed | failed | review
    public var faceMatch: Bool?
    public var manipulationFlagged: Bool
    public var nameOnDocument: String?
    public init(id: String, candidateId: String, checkedAt: Int64, provider: String? = nil, documentType: String? = nil,
                documentCountry: String? = nil, result: String, faceMatch: Bool? = nil,
                manipulationFlagged: Bool = false, nameOnDocument: String? = nil) {
        self.id = id; self.candidateId = candidateId; self.checkedAt = checkedAt; self.provider = provider
        self.documentType = documentType; self.documentCountry = documentCountry; self.result = result
        self.faceMatch = faceMatch; self.manipulationFlagged = manipulationFlagged; self.nameOnDocument = nameOnDocument
    }
}

public struct Interview: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "interview"
    public var id: String
    public var candidateId: String
    public var scheduledAt: Int64
    public var kind: String?             // video | phone | onsite
    public var outcome: String           // held | refused | rescheduled | no_show
    public var camera: String?           // on | off | refused | broken
    public var interviewer: String?
    public var notes: String?
    public init(id: String, candidateId: String, scheduledAt: Int64, kind: String? = nil, outcome: String,
                camera: String? = nil, interviewer: String? = nil, notes: String? = nil) {
        self.id = id; self.candidateId = candidateId; self.scheduledAt = scheduledAt; self.kind = kind
        self.outcome = outcome; self.camera = camera; self.interviewer = interviewer; self.notes = notes
    }
}

public struct PaymentAccount: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "payment_account"
    public var id: Int64?
    public var accountType: String       // iban | bank_account | wallet | platform
    public var identifier: String
    public var holderName: String?
    public var iban: String?
    public var ibanValid: Bool?
    public var bic: String?
    public var bankName: String?
    public var bankCountry: String?
    public init(id: Int64? = nil, accountType: String, identifier: String, holderName: String? = nil, iban: String? = nil,
                ibanValid: Bool? = nil, bic: String? = nil, bankName: String? = nil, bankCountry: String? = nil) {
        self.id = id; self.accountType = accountType; self.identifier = identifier; self.holderName = holderName
        self.iban = iban; self.ibanValid = ibanValid; self.bic = bic; self.bankName = bankName; self.bankCountry = bankCountry
    }
}

public struct Payment: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "payment"
    public var id: String
    public var source: String
    public var paidAt: Int64
    public var candidateId: String
    public var payeeName: String?
    public var accountId: Int64
    public var amount: String
    public var currency: String
    public var method: String?
    public init(id: String, source: String, paidAt: Int64, candidateId: String, payeeName: String? = nil,
                accountId: Int64, amount: String, currency: String, method: String? = nil) {
        self.id = id; self.source = source; self.paidAt = paidAt; self.candidateId = candidateId
        self.payeeName = payeeName; self.accountId = accountId; self.amount = amount; self.currency = currency
        self.method = method
    }
}

public struct LoginEvent: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "login_event"
    public var id: Int64?
    public var source: String
    public var sourceId: String
    public var candidateId: String?
    public var account: String
    public var occurredAt: Int64
    public var ip: String
    public var reportedCountry: String?
    public var city: String?
    public var outcome: String           // success | failure
    public var userAgent: String?
    public var deviceId: String?
    public var deviceManaged: Bool?
    public var locale: String?
    public var sessionId: String?
    /// The identity provider's own risk verdict: "low" | "medium" | "high", nil when it flagged nothing.
    public var idpRiskLevel: String?
    /// The verdict's fields as the provider wrote them ("Entra riskLevelDuringSignIn=high; ...").
    public var idpRisk: String?
    public init(id: Int64? = nil, source: String, sourceId: String, candidateId: String? = nil, account: String,
                occurredAt: Int64, ip: String, reportedCountry: String? = nil, city: String? = nil,
                outcome: String, userAgent: String? = nil, deviceId: String? = nil, deviceManaged: Bool? = nil,
                locale: String? = nil, sessionId: String? = nil, idpRiskLevel: String? = nil, idpRisk: String? = nil) {
        self.id = id; self.source = source; self.sourceId = sourceId; self.candidateId = candidateId
        self.account = account; self.occurredAt = occurredAt; self.ip = ip; self.reportedCountry = reportedCountry
        self.city = city; self.outcome = outcome; self.userAgent = userAgent; self.deviceId = deviceId
        self.deviceManaged = deviceManaged; self.locale = locale; self.sessionId = sessionId
        self.idpRiskLevel = idpRiskLevel; self.idpRisk = idpRisk
    }
}

public struct IPInfo: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "ip_info"
    public var ip: String
    public var country: String?
    public var asn: Int?
    public var asName: String?
    public var anonymousProxy: Bool
    public var provider: String?
    public var providerKind: String?     // vpn | hosting | corporate
    public var providerDprkNamed: Bool
    public var lookedUpAt: Int64
    public init(ip: String, country: String? = nil, asn: Int? = nil, asName: String? = nil, anonymousProxy: Bool = false,
                provider: String? = nil, providerKind: String? = nil, providerDprkNamed: Bool = false, lookedUpAt: Int64) {
        self.ip = ip; self.country = country; self.asn = asn; self.asName = asName; self.anonymousProxy = anonymousProxy
        self.provider = provider; self.providerKind = providerKind; self.providerDprkNamed = providerDprkNamed
        self.lookedUpAt = lookedUpAt
    }
}

public struct EndpointObservation: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "endpoint_observation"
    public var id: String
    public var candidateId: String
    public var observedAt: Int64
    public var deviceId: String?
    public var kind: String              // software | usb
    public var name: String
    public var vendorId: String?
    public var productId: String?
    public var approved: Bool
    public init(id: String, candidateId: String, observedAt: Int64, deviceId: String? = nil, kind: String, name: String,
                vendorId: String? = nil, productId: String? = nil, approved: Bool = false) {
        self.id = id; self.candidateId = candidateId; self.observedAt = observedAt; self.deviceId = deviceId
        self.kind = kind; self.name = name; self.vendorId = vendorId; self.productId = productId; self.approved = approved
    }
}

public struct WatchlistEntry: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "watchlist_entry"
    public var id: Int64?
    public var listName: String
    public var kind: String              // email | phone | handle | wallet | account | iban | ip | address
    public var value: String
    public var note: String?
    public init(id: Int64? = nil, listName: String, kind: String, value: String, note: String? = nil) {
        self.id = id; self.listName = listName; self.kind = kind; self.value = value; self.note = note
    }
}

/// An invoice or payment request (docs/import-formats.md, `--kind invoices`).
public struct PaymentRequest: SnakeCaseRecord, Sendable, Equatable {
    public static let databaseTableName = "payment_request"
    public var id: String
    public var candidateId: String
    public var requestedAt: Int64
    public var kind: String?             // invoice | advance
    public var amount: String?
    public var currency: String?
    public var periodStart: Int64?
    public var periodEnd: Int64?
    public var milestone: String?
    public var milestoneDueAt: Int64?
    public var dueAt: Int64?
    public var status: String?           // submitted | approved | paid | rejected | cancelled
    public init(id: String, candidateId: String, requestedAt: Int64, kind: String? = nil, amount: String? = nil,
                currency: String? = nil, periodStart: Int64? = nil, periodEnd: Int64? = nil, milestone: String? = nil,
                milestoneDueAt: Int64? = nil, dueAt: Int64? = nil, status: String? = nil) {
        self.id = id; self.candidateId = candidateId; self.requestedAt = requestedAt; self.kind = kind
        self.amount = amount; self.currency = currency; self.periodStart = periodStart; self.periodEnd = periodEnd
        self.milestone = milestone; self.milestoneDueAt = milestoneDueAt; self.dueAt = dueAt; self.status = status
    }
}
