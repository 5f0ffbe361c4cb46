/// Every implemented rule, in the order `vetdesk rules` lists them.
public enum RuleCatalog {
    public static let all: [any Rule] = [
        // Identity and interview
        VideoAvoidanceRule(), IDCheckFailedRule(), IDCountryMismatchRule(), ProfileInconsistencyRule(),
        SharedIdentityArtifactsRule(), VoipPhoneRule(), FreshAccountsRule(), CodeProfileBackdatedRule(),
        ShippingAddressMismatchRule(), BYODRequestRule(), ReferralChainRule(), WatchlistHitRule(), SanctionsNameMatchRule(), LowRateRule(),
        // Network and logins
        DPRKIPSpaceRule(), KnownDPRKVPNRule(), AnonymizerGeoMismatchRule(), PersistentGeoMismatchRule(),
        MultiCountryBurstRule(), SharedLoginIPRule(), ContinuousSessionRule(), OffHoursPatternRule(),
        RemoteAccessToolsRule(), IPKVMDeviceRule(), UnmanagedDeviceRule(), LocaleMismatchRule(), IdPRiskSignalRule(),
        // Payments
        ThirdPartyPayeeRule(), SharedPaymentAccountRule(), MultiplePaymentAccountsRule(), PayoutChurnRule(),
        CryptoPaymentRule(), PaymentCountryMismatchRule(), PrepaymentPressureRule(),
        // After hire: transfers and commits (issue 10)
        BulkTransferRule(), TransferFromAnonymiserRule(), AccessOutsideRoleRule(), CommitTimezoneMismatchRule(),
        ActivityBeforeExitRule(),
    ]
}
