/// Header names exports use for each Vetdesk field, compared loosely (`SourceRecords.loose`:
/// case, spaces, `_`, `-` and `.` ignored). Used by `vetdesk map init` to guess a starter mapping.
/// A leading "~" marks a generic name ("id", "date") that is only a weak guess.
enum FieldSynonyms {
    static let byKind: [ImportKind: [String: [String]]] = [
        .candidates: [
            "candidate_id": ["candidateid", "applicantid", "candidategreenhouseid", "employeeid", "workerid", "contractorid",
                             "personid", "externalid", "~id"],
            "full_name": ["fullname", "candidatename", "legalname", "contractorname", "workername", "displayname", "~name"],
            "email": ["email", "emailaddress", "candidateemail", "primaryemail", "personalemail", "workemail", "emailaddresses", "~emails"],
            "phone": ["phone", "phonenumber", "candidatephonenumber", "mobile", "mobilephone", "telephone", "phonenumbers", "~phones"],
            "declared_country": ["declaredcountry", "countryofresidence", "residencecountry", "homecountry", "~country"],
            "city": ["city", "town"],
            "address": ["address", "streetaddress", "homeaddress", "mailingaddress", "addresses"],
            "role": ["role", "jobtitle", "position", "~title", "~job"],
            "platform": ["platform", "sourcingchannel", "~source"],
            "rate_hourly": ["ratehourly", "hourlyrate", "payrate", "~rate"],
            "rate_currency": ["ratecurrency", "~currency"],
            "applied_at": ["appliedat", "appliedon", "applicationdate", "dateapplied", "~createdat", "~created"],
            "hired_at": ["hiredat", "hiredate", "startdate", "hiredon"],
            "profile_url": ["profileurl", "linkedin", "linkedinurl", "candidatelinkedinurl", "socialmediaaddresses"],
            "profile_location": ["profilelocation", "candidatelocation", "~location"],
            "github_username": ["githubusername", "github"],
            "locale": ["locale", "~language"],
            "byod_requested": ["byod", "ownlaptop", "owndevice", "ownequipment", "bringyourowndevice"],
            "referrer_id": ["referrer", "referredby", "referrerid"],
        ],
        .identityChecks: [
            "check_id": ["checkid", "verificationid", "inquiryid", "~sessionid", "~id"],
            "candidate_id": ["candidateid", "referenceid", "externalid", "vendordata", "~userid"],
            "checked_at": ["checkedat", "completedat", "verifiedat", "decisiontime", "~createdat", "~date"],
            "result": ["result", "decision", "~status"],
            "provider": ["provider", "vendor"],
            "document_type": ["documenttype", "idtype", "idclass"],
            "document_country": ["documentcountry", "issuingcountry", "countryofissue"],
            "face_match": ["facematch", "selfiematch"],
            "manipulation_flagged": ["manipulationflagged", "tampering"],
            "name_on_document": ["nameondocument", "documentname"],
        ],
        .interviews: [
            "interview_id": ["interviewid", "eventid", "~id"],
            "candidate_id": ["candidateid", "applicationid"],
            "scheduled_at": ["scheduledat", "interviewdate", "starttime", "start", "~date"],
            "outcome": ["outcome", "~status"],
            "kind": ["interviewtype", "~type", "~kind"],
            "camera": ["camera", "video"],
            "interviewer": ["interviewer", "interviewers"],
            "notes": ["notes", "note", "comments"],
        ],
        .payments: [
            "record_id": ["recordid", "transactionid", "paymentid", "transferwiseid", "transferid", "invoiceid", "~id"],
            "source": ["~source"],
            "paid_at": ["paidat", "paidon", "paymentdate", "transactiondate", "completedat", "~date"],
            "contractor_id": ["contractorid", "workerid", "employeeid", "payeeid", "~externalid", "~paymentreference"],
            "payee_name": ["payeename", "payee", "recipientname", "beneficiaryname", "contractorname", "workername", "~name"],
            "account_holder_name": ["accountholdername", "accountholder", "beneficiary"],
            "account_identifier": ["accountidentifier", "accountnumber", "payeeaccountnumber", "walletaddress", "~account"],
            "iban": ["iban"],
            "bic": ["bic", "swift", "swiftcode", "swiftbic"],
            "bank_name": ["bankname", "bank"],
            "bank_country": ["bankcountry", "~country"],
            "amount": ["amount", "paymentamount", "netamount", "~total"],
            "currency": ["currency", "paymentcurrency"],
            "method": ["method", "paymentmethod"],
        ],
        .endpoint: [
            "observation_id": ["observationid", "~id"],
            "candidate_id": ["candidateid", "primaryuserupn", "userprincipalname", "emailaddress", "~username", "~user", "~email"],
            "observed_at": ["observedat", "lastcheckin", "lastinventoryupdate", "lastsyncdatetime", "lastseen", "~date"],
            "device_id": ["deviceid", "serialnumber", "udid", "devicename", "computername"],
            "name": ["applicationname", "appname", "softwarename", "applicationtitle", "~name", "~application"],
            "vendor_id": ["vendorid", "~publisher"],
            "product_id": ["productid"],
            "approved": ["approved", "allowed"],
        ],
        .watchlist: [
            "list_name": ["listname", "list"],
            "kind": ["~kind", "~type"],
            "value": ["value", "indicator", "ioc"],
            "note": ["note", "notes", "comment", "description"],
        ],
        .logins: [
            "event_id": ["eventid", "uuid", "requestid", "~id", "~correlationid"],
            "occurred_at": ["occurredat", "timestamp", "timegenerated", "createddatetime", "eventtime", "~time", "~date"],
            "account": ["account", "userprincipalname", "username", "actoremail", "~user", "~email"],
            "ip": ["ip", "ipaddress", "clientip", "sourceip", "callerip"],
            "outcome": ["outcome", "result", "~status"],
            "country": ["country", "countryorregion"],
            "city": ["city"],
            "user_agent": ["useragent", "~browser"],
            "device_id": ["deviceid"],
            "device_managed": ["devicemanaged", "ismanaged", "managed"],
            "locale": ["locale"],
            "session_id": ["sessionid", "session"],
        ],
    ]

    /// Fields that take one of a fixed set of values (as the importers check them), so that
    /// `map init` can say when an export's values need a value map.
    static let choices: [ImportKind: [String: [String]]] = [
        .candidates: ["phone_type": ["mobile", "landline", "voip"]],
        .identityChecks: ["result": ["passed", "failed", "review"]],
        .interviews: ["kind": ["video", "phone", "onsite"], "outcome": ["held", "refused", "rescheduled", "no_show"],
                      "camera": ["on", "off", "refused", "broken"]],
        .payments: ["account_type": ["iban", "bank_account", "wallet", "platform"], "method": ["bank", "crypto", "platform"]],
        .endpoint: ["kind": ["software", "usb"]],
        .watchlist: ["kind": ["email", "phone", "handle", "wallet", "account", "iban", "ip"]],
        .logins: ["outcome": ["success", "failure"]],
    ]

    /// First-name and last-name headers joined into a full name.
    static let firstNames = ["firstname", "givenname", "candidatefirstname", "forename", "accountholderfirstname"]
    static let lastNames = ["lastname", "surname", "familyname", "candidatelastname", "accountholderlastname"]
}
