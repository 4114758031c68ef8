@{
    RootModule           = 'ClbPowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '4f2d8f7e-3c1b-4a52-9a0e-6c1f4e2b7d31'
    Author               = 'ClbPowerShell contributors'
    CompanyName          = 'ClbPowerShell'
    Copyright            = '(c) ClbPowerShell contributors. MIT License.'
    Description          = 'Binary cmdlets for Tencent Cloud Load Balancer (CLB) API 3.0: load balancers, listeners, rules, targets and target groups, with pipeline chaining, task waiting and fast bulk operations.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    # The build writes the explicit lists into out/ClbPowerShell/ClbPowerShell.psd1 from the cmdlet classes
    # and format files, so they can never drift from what exists. Never a wildcard.
    FormatsToProcess     = @()
    CmdletsToExport      = @()
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('TencentCloud', 'CLB', 'LoadBalancer', 'Cloud')
            ProjectUri = ''
        }
    }
}
