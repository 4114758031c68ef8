#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, documents, packages and demonstrates ClbPowerShell. A thin wrapper over dotnet.
.DESCRIPTION
    Build    dotnet build: lays out the importable module in out/ClbPowerShell.
    Test     the xUnit suite (client, emulator, operations, cmdlet surface), then the Pester suite.
    Pester   the Pester suite only (tests/Pester), against the local emulator; needs Pester 5.
    Help     optional: rebuilds the external help with platyPS instead. Not needed: `dotnet build` already writes
             out/ClbPowerShell/en-US (MAML and about topic) from docs/help without platyPS or pwsh.
    Package  a zip of out/ClbPowerShell in out/.
    Demo     builds, starts the emulator, connects to it and runs a short real workflow.
.EXAMPLE
    ./build.ps1 -Task Demo
.EXAMPLE
    ./build.ps1 -Task Test -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Help', 'Package', 'Demo')]
    [string[]] $Task = @('Build'),
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Skip the build step of Test/Pester/Demo (CI builds once).
    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/ClbPowerShell'

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $root 'ClbPowerShell.slnx') -c $Configuration --nologo
}

function Invoke-PesterSuite {
    # The tests run as users write scripts, not under this build script's strict mode.
    Set-StrictMode -Off
    if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0')) {
        throw 'Pester 5 is needed for the Pester suite: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser'
    }
    Import-Module Pester -MinimumVersion 5.0
    $env:CLB_CONFIGURATION = $Configuration
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $root 'tests/Pester'
    $config.Run.Exit = $false
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $config
    "$($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') { throw "Pester: $($result.FailedCount) test(s) failed." }
}

function Invoke-Help {
    if (-not (Get-Module -ListAvailable platyPS)) {
        Write-Warning 'platyPS is not installed; the external help that `dotnet build` wrote from docs/help stays in place (Install-Module platyPS to rebuild it with platyPS).'
        return
    }
    Import-Module platyPS
    New-ExternalHelp -Path (Join-Path $root 'docs/help') -OutputPath (Join-Path $moduleOut 'en-US') -Force | Out-Null
    "External help written to $(Join-Path $moduleOut 'en-US')"
}

function Invoke-Package {
    $manifest = Import-PowerShellDataFile (Join-Path $moduleOut 'ClbPowerShell.psd1')
    $zip = Join-Path $root "out/ClbPowerShell-$($manifest.ModuleVersion).zip"
    Compress-Archive -Path $moduleOut -DestinationPath $zip -Force
    "Package: $zip"
}

function Start-DemoEmulator([string] $SecretId, [string] $SecretKey) {
    $dll = Join-Path $root "src/ClbPowerShell.Emulator/bin/$Configuration/net10.0/ClbPowerShell.Emulator.dll"
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--port', '0', '--secret-id', $SecretId, '--secret-key', $SecretKey, '--task-duration-ms', '300')) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    [pscustomobject]@{ Process = $process; Url = $process.StandardOutput.ReadLine() }
}

function Show-Step([string] $Command) { Write-Host "`nPS> $Command" -ForegroundColor Yellow }

function Invoke-Demo {
    Import-Module (Join-Path $moduleOut 'ClbPowerShell.psd1') -Force
    if ($env:TENCENTCLOUD_SECRET_ID -and $env:TENCENTCLOUD_SECRET_KEY) {
        # Real credentials: a read-only tour. Creating and deleting resources in a real account is not
        # something a demo should do unasked.
        $region = if ($env:TENCENTCLOUD_REGION) { $env:TENCENTCLOUD_REGION } else { 'ap-guangzhou' }
        Write-Host "Cloud credentials found in the environment: listing (read-only) in $region." -ForegroundColor Cyan
        Connect-Clb -Region $region | Format-List | Out-Host
        Show-Step 'Get-ClbLoadBalancer -First 5'
        $lbs = @(Get-ClbLoadBalancer -First 5)
        $lbs | Format-Table -AutoSize | Out-String -Width 160 | Out-Host
        Show-Step '$lbs | Get-ClbListener'
        $lbs | Get-ClbListener | Format-Table -AutoSize | Out-String -Width 160 | Out-Host
        Disconnect-Clb -Confirm:$false
        return
    }

    $secretId = 'AKIDdemo00000001'
    $secretKey = 'demo-secret-key'
    $emulator = Start-DemoEmulator $secretId $secretKey
    try {
        Write-Host "No cloud credentials in the environment: using the local CLB emulator at $($emulator.Url)." -ForegroundColor Cyan
        Show-Step "Connect-Clb -SecretId $secretId -SecretKey (Read-Host -AsSecureString) -Region ap-guangzhou -Endpoint $($emulator.Url)"
        Connect-Clb -SecretId $secretId -SecretKey (ConvertTo-SecureString $secretKey -AsPlainText -Force) -Region ap-guangzhou -Endpoint $emulator.Url |
            Format-List | Out-Host

        Show-Step 'New-ClbLoadBalancer -Name demo-web -Wait'
        $lb = New-ClbLoadBalancer -Name demo-web -Wait -Confirm:$false
        $lb | Format-Table -AutoSize | Out-String -Width 160 | Out-Host

        Show-Step '$lb | New-ClbListener -Protocol TCP -Port 80 -Name web | Wait-ClbTask'
        $lb | New-ClbListener -Protocol TCP -Port 80 -Name web -Confirm:$false | Wait-ClbTask | Format-Table -AutoSize | Out-String -Width 160 | Out-Host

        Show-Step 'Get-ClbLoadBalancer | Get-ClbListener'
        $listener = Get-ClbLoadBalancer | Get-ClbListener
        $listener | Format-Table -AutoSize | Out-String -Width 160 | Out-Host

        Show-Step "`$listener | Register-ClbTarget -InstanceId (1..50 | ForEach-Object { 'ins-{0:x8}' -f `$_ }) -Port 8080 -Weight 10"
        $listener | Register-ClbTarget -InstanceId (1..50 | ForEach-Object { 'ins-{0:x8}' -f $_ }) -Port 8080 -Weight 10 -Confirm:$false

        Show-Step '$listener | Get-ClbTarget | Select-Object -First 3'
        $listener | Get-ClbTarget | Select-Object -First 3 | Format-Table -AutoSize | Out-String -Width 160 | Out-Host

        Show-Step '$listener | Get-ClbTarget | Set-ClbTarget -Weight 0 -PassThru | Group-Object Weight'
        $listener | Get-ClbTarget | Set-ClbTarget -Weight 0 -PassThru -Confirm:$false | Group-Object Weight -NoElement |
            Format-Table -AutoSize | Out-String -Width 160 | Out-Host

        Show-Step "Get-ClbLoadBalancer -Name 'demo-*' | Remove-ClbLoadBalancer -Force -Wait"
        Get-ClbLoadBalancer -Name 'demo-*' | Remove-ClbLoadBalancer -Force -Wait
        Write-Host "Load balancers left: $(@(Get-ClbLoadBalancer).Count)" -ForegroundColor Cyan
    }
    finally {
        if (-not $emulator.Process.HasExited) { $emulator.Process.Kill($true) }
        Disconnect-Clb -Confirm:$false -ErrorAction SilentlyContinue
    }
}

foreach ($t in $Task) {
    switch ($t) {
        'Build'   { Invoke-Build }
        'Test'    { if (-not $NoBuild) { Invoke-Build }; Invoke-Dotnet test (Join-Path $root 'ClbPowerShell.slnx') -c $Configuration --no-build; Invoke-PesterSuite }
        'Pester'  { if (-not $NoBuild) { Invoke-Build }; Invoke-PesterSuite }
        'Help'    { Invoke-Help }
        'Package' { if (-not $NoBuild) { Invoke-Build }; Invoke-Package }
        'Demo'    { if (-not $NoBuild) { Invoke-Build }; Invoke-Demo }
    }
}
