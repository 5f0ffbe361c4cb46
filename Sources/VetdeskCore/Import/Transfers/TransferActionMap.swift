/// Vendor action names -> TransferAction. Anything not listed is stored as `.other` with its vendor
/// name kept (`vendor_action`), and counted in the import report: nothing is dropped for its name.
enum TransferActionMap {
    /// GitHub audit log actions (docs.github.com, "Audit log events for your organization" /
    /// "... for your enterprise").
    static func github(_ action: String) -> TransferAction {
        switch action {
        case "git.clone": return .clone
        case "git.fetch": return .fetch
        case "git.push": return .push
        case "repo.download_zip": return .download
        // GitHub documents repo.access as "the visibility of a repository changed" (to private, public
        // or internal): an access change, which can expose code without any clone.
        case "repo.access", "repo.transfer", "repo.transfer_outgoing", "repo.add_member", "repo.remove_member",
             "repo.update_member", "private_repository_forking.enable", "org.update_member_repository_creation_permission":
            return .accessChange
        default:
            let category = action.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
            if ["org", "team", "repo", "business", "members_can_create_pages", "protected_branch", "org_credential_authorization",
                "personal_access_token", "oauth_access", "integration_installation", "hook", "deploy_key"].contains(category) {
                return .admin
            }
            return .other
        }
    }

    /// GitLab audit event types (docs.gitlab.com, "Audit event types"); git operations are told
    /// apart by the streamed `details.custom_message.action` (git-upload-pack serves clones, fetches
    /// and pulls alike: GitLab does not say which, so it counts as a clone).
    static func gitlab(eventType: String, gitAction: String?, message: String?) -> TransferAction {
        switch eventType {
        case "repository_git_operation":
            switch gitAction {
            case "git-upload-pack", "git-upload-archive": return .clone
            case "git-receive-pack": return .push
            default: return .other
            }
        case "repository_download_operation": return .download
        default:
            if let m = message?.lowercased(), m.hasPrefix("repository download started") { return .download }
            let e = eventType.lowercased()
            if e.contains("visibility") || e.contains("member_access") || e.contains("access_level") { return .accessChange }
            for word in ["created", "destroyed", "deleted", "added", "removed", "updated", "changed", "transfer", "member", "token"]
            where e.contains(word) {
                return .admin
            }
            return .other
        }
    }

    /// Google Workspace Drive audit event names (developers.google.com, Reports API "Drive Audit
    /// Activity Events").
    static func googleDrive(_ name: String) -> TransferAction {
        switch name {
        // Printing and desktop sync also put the file's content on the user's machine.
        case "download", "print", "sync_item_content": return .download
        case "copy": return .copy
        case "view", "preview": return .view
        case "change_user_access", "change_document_access_scope", "change_document_visibility", "change_acl_editors",
             "change_user_access_hierarchy_reconciled", "change_document_access_scope_hierarchy_reconciled",
             "shared_drive_membership_change", "shared_drive_settings_change":
            return .accessChange
        default: return .other
        }
    }

    /// Microsoft 365 unified audit log operations (learn.microsoft.com, "Audit log activities":
    /// file and page activities, sharing and access request activities).
    static func m365(_ operation: String) -> TransferAction {
        switch operation {
        case "FileDownloaded", "FileSyncDownloadedFull", "FileSyncDownloadedPartial": return .download
        case "FileCopied": return .copy
        case "FileAccessed", "FileAccessedExtended", "FilePreviewed", "PageViewed", "PageViewedExtended",
             "AnonymousLinkUsed", "CompanyLinkUsed", "SecureLinkUsed":
            return .view
        case "SharingSet", "SharingInvitationCreated", "SharingInheritanceBroken", "AnonymousLinkCreated",
             "AnonymousLinkUpdated", "CompanyLinkCreated", "SecureLinkCreated", "AddedToSecureLink",
             "SharingInvitationAccepted", "AccessRequestCreated", "AccessRequestApproved", "PermissionLevelAdded",
             "SiteCollectionAdminAdded", "AddedToGroup":
            return .accessChange
        default: return .other
        }
    }
}
