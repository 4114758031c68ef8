# Shared by every tests/Pester/*.Tests.ps1: dot-source it in BeforeAll.
#   BeforeAll { . $PSScriptRoot/Common.ps1; $script:Emu = Start-ClbTestEmulator; Connect-ClbTest $script:Emu }
#   AfterAll  { Stop-ClbTestEmulator $script:Emu }
# The module is imported from out/ClbPowerShell (what `dotnet build` lays out) and the emulator runs as a
# separate process on 127.0.0.1, exactly as a user would run both.

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:Configuration = if ($env:CLB_CONFIGURATION) { $env:CLB_CONFIGURATION } else { 'Release' }
$script:TestSecretId = 'AKIDpester0001'
$script:TestSecretKey = 'pester-secret-key'
$script:TestRegion = 'ap-guangzhou'

Import-Module (Join-Path $script:RepoRoot 'out/ClbPowerShell/ClbPowerShell.psd1') -Force -ErrorAction Stop

function Start-ClbTestEmulator {
    <# Starts the emulator as a process, reads the URL it prints first, and returns a handle for the tests. #>
    param(
        [int] $TaskDurationMs = 0,
        [int] $RateLimit = 0,
        [string[]] $ExtraArgument = @()
    )
    $dll = Join-Path $script:RepoRoot "src/ClbPowerShell.Emulator/bin/$script:Configuration/net10.0/ClbPowerShell.Emulator.dll"
    if (-not (Test-Path $dll)) { throw "The emulator is not built at $dll; run ./build.ps1 -Task Build first." }
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--port', '0', '--secret-id', $script:TestSecretId, '--secret-key', $script:TestSecretKey,
                    '--task-duration-ms', "$TaskDurationMs", '--rate-limit', "$RateLimit") + $ExtraArgument) {
        $info.ArgumentList.Add($a)
    }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $read = $process.StandardOutput.ReadLineAsync()
    if (-not $read.Wait([TimeSpan]::FromSeconds(60))) {
        $process.Kill($true)
        throw "The emulator printed no URL within 60 seconds."
    }
    $url = $read.Result
    if ($url -notmatch '^http://127\.0\.0\.1:\d+$') {
        $process.Kill($true)
        throw "The emulator's first line was not its URL: '$url'"
    }
    [pscustomobject]@{ Url = $url; Process = $process; SecretId = $script:TestSecretId; Region = $script:TestRegion }
}

function Stop-ClbTestEmulator {
    param($Emulator)
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill($true)
        $Emulator.Process.WaitForExit(10000) | Out-Null
    }
}

function Get-ClbTestCredential {
    [pscredential]::new($script:TestSecretId, (ConvertTo-SecureString $script:TestSecretKey -AsPlainText -Force))
}

function Connect-ClbTest {
    <# Connects the session to the emulator. #>
    param($Emulator)
    Connect-Clb -SecretId $script:TestSecretId -SecretKey (ConvertTo-SecureString $script:TestSecretKey -AsPlainText -Force) `
        -Region $script:TestRegion -Endpoint $Emulator.Url | Out-Null
}

function Invoke-ClbEmulatorControl {
    <# Calls the emulator's control endpoint (/_emulator/...): state, reset, settings, faults, stats. #>
    param(
        $Emulator,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        $Body
    )
    $params = @{ Uri = "$($Emulator.Url)/_emulator/$Path"; Method = $Method }
    if ($null -ne $Body) { $params.Body = ($Body | ConvertTo-Json -Depth 10); $params.ContentType = 'application/json' }
    # Invoke-RestMethod writes a JSON array as one object; returning it from a variable unrolls it.
    $result = Invoke-RestMethod @params
    $result
}

function Get-ClbEmulatorCallCount {
    <# How many calls of an action the emulator has received (to prove -WhatIf sends nothing, paging stops early). #>
    param($Emulator, [Parameter(Mandatory)] [string] $Action)
    $stats = Invoke-ClbEmulatorControl $Emulator 'stats'
    # Property lookups that tolerate a missing action under Set-StrictMode (build.ps1 runs strict).
    $entry = $stats.PSObject.Properties[$Action]
    if ($null -eq $entry) { return 0 }
    $calls = $entry.Value.PSObject.Properties['calls']
    if ($null -eq $calls) { 0 } else { [int]$calls.Value }
}

function New-ClbTestLoadBalancer {
    <# Creates a load balancer in the emulator and returns it (waits for the task). #>
    param([string] $Name = ('lb-' + [guid]::NewGuid().ToString('N').Substring(0, 8)))
    New-ClbLoadBalancer -Name $Name -Wait -Confirm:$false
}
