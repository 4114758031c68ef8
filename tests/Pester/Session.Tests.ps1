# Session cmdlets against the emulator process: Connect-Clb, Disconnect-Clb, Get-ClbContext, Invoke-ClbApi,
# Get-ClbCommand, plus what every API cmdlet does without credentials, with a forbidden endpoint, and with
# -Verbose/-Debug (secrets never shown).

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    $script:SecureKey = ConvertTo-SecureString $script:TestSecretKey -AsPlainText -Force
    $script:ConnectType = 'ClbPowerShell.Cmdlets.Session.ConnectClbCommand'
    $script:InvokeType = 'ClbPowerShell.Cmdlets.Session.InvokeClbApiCommand'

    function Get-TotalCallCount {
        # Every API call the emulator received, whatever the action.
        $stats = Invoke-ClbEmulatorControl $script:Emu 'stats'
        $total = 0
        foreach ($p in $stats.PSObject.Properties) { $total += [int]$p.Value.Calls }
        $total
    }

    # Environment that feeds the credential chain; cleared by the tests that need "no credentials anywhere".
    $script:ChainVariables = 'TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SESSION_TOKEN',
        'TENCENTCLOUD_REGION', 'TCCLI_PROFILE', 'HOME', 'USERPROFILE'
    function Save-ChainEnvironment {
        $saved = @{}
        foreach ($name in $script:ChainVariables) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        $saved
    }
    function Restore-ChainEnvironment($saved) {
        foreach ($name in $script:ChainVariables) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
    function Clear-ChainEnvironment([string] $HomePath) {
        foreach ($name in $script:ChainVariables) { [Environment]::SetEnvironmentVariable($name, $null) }
        [Environment]::SetEnvironmentVariable('HOME', $HomePath)
    }
}

AfterAll {
    Disconnect-Clb -Confirm:$false
    Stop-ClbTestEmulator $script:Emu
}

Describe 'Connect-Clb' {
    BeforeEach { Disconnect-Clb -Confirm:$false }

    It 'connects with -SecretId and a SecureString -SecretKey, checking the key with one DescribeLoadBalancers call' {
        $before = Get-ClbEmulatorCallCount $script:Emu -Action DescribeLoadBalancers
        $context = Connect-Clb -SecretId $script:TestSecretId -SecretKey $script:SecureKey -Region ap-guangzhou -Endpoint $script:Emu.Url

        $context | Should -BeOfType 'ClbPowerShell.Cmdlets.Session.ClbContextInfo'
        $context.SecretId | Should -Be $script:TestSecretId
        $context.Region | Should -Be 'ap-guangzhou'
        $context.Endpoint | Should -Be $script:Emu.Url
        $context.CredentialSource | Should -Be 'session (Connect-Clb)'
        $context.IsSession | Should -BeTrue
        Get-ClbEmulatorCallCount $script:Emu -Action DescribeLoadBalancers | Should -Be ($before + 1)
    }

    It 'connects with -Credential (user name = SecretId, password = SecretKey) and later cmdlets use it' {
        $context = Connect-Clb -Credential (Get-ClbTestCredential) -Region ap-guangzhou -Endpoint $script:Emu.Url
        $context.SecretId | Should -Be $script:TestSecretId
        $context.CredentialSource | Should -Be 'session (Connect-Clb -Credential)'

        # No credential, region or endpoint parameter: everything comes from the session.
        $answer = Invoke-ClbApi -Action DescribeLoadBalancers -Parameter @{ Limit = 1 }
        $answer.RequestId | Should -Not -BeNullOrEmpty
    }

    It 'accepts a credential whose user name has the leading backslash Get-Credential adds' {
        $credential = [pscredential]::new("\$($script:TestSecretId)", $script:SecureKey)
        $context = Connect-Clb -Credential $credential -Region ap-guangzhou -Endpoint $script:Emu.Url
        $context.SecretId | Should -Be $script:TestSecretId
    }

    It 'reports an unknown SecretId with the AuthFailure.SecretIdNotFound error id' {
        $wrongKey = ConvertTo-SecureString 'not-the-key' -AsPlainText -Force
        Connect-Clb -SecretId AKIDnosuchkey01 -SecretKey $wrongKey -Region ap-guangzhou -Endpoint $script:Emu.Url `
            -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "AuthFailure.SecretIdNotFound,$script:ConnectType"
        $err[0].CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'reports a wrong SecretKey with the AuthFailure.SignatureFailure error id' {
        $wrongKey = ConvertTo-SecureString 'not-the-key' -AsPlainText -Force
        { Connect-Clb -SecretId $script:TestSecretId -SecretKey $wrongKey -Region ap-guangzhou -Endpoint $script:Emu.Url -ErrorAction Stop } |
            Should -Throw -ErrorId "AuthFailure.SignatureFailure,$script:ConnectType"
    }

    It 'does not keep (or emit) a session whose key the service rejected' {
        # Known product bug at the time of writing: ConnectClbCommand sets `source` before the validation
        # call, so the "validation failed" check after Run never fires and the rejected key becomes the session.
        # Moving `source = resolved.Source;` below the DescribeLoadBalancers call makes this pass.
        Connect-ClbTest $script:Emu
        $wrongKey = ConvertTo-SecureString 'not-the-key' -AsPlainText -Force
        $output = Connect-Clb -SecretId AKIDnosuchkey01 -SecretKey $wrongKey -Region ap-guangzhou -Endpoint $script:Emu.Url `
            -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        (Get-ClbContext).SecretId | Should -Be $script:TestSecretId
    }

    It '-SkipValidation stores the session without sending any request' {
        $before = Get-TotalCallCount
        $context = Connect-Clb -SecretId $script:TestSecretId -SecretKey $script:SecureKey -Region ap-shanghai `
            -Endpoint $script:Emu.Url -SkipValidation
        Get-TotalCallCount | Should -Be $before
        $context.Region | Should -Be 'ap-shanghai'
        (Get-ClbContext).Region | Should -Be 'ap-shanghai'
    }

    It 'refuses a malformed -SecretId before sending anything' {
        $before = Get-TotalCallCount
        { Connect-Clb -SecretId 'AKID with spaces' -SecretKey $script:SecureKey -Region ap-guangzhou -Endpoint $script:Emu.Url } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$script:ConnectType"
        Get-TotalCallCount | Should -Be $before
    }

    It 'refuses plain http to a non-loopback host before any request, naming -Endpoint' {
        $failure = { Connect-Clb -SecretId $script:TestSecretId -SecretKey $script:SecureKey -Region ap-guangzhou -Endpoint 'http://10.20.30.40:8080' } |
            Should -Throw -ErrorId "InvalidParameter.Endpoint,$script:ConnectType" -PassThru
        $failure.Exception.Message | Should -BeLike '*plain http*'
        $failure.Exception.Message | Should -BeLike '*-Endpoint*'
        Get-ClbContext | Should -BeNullOrEmpty
    }

    It 'refuses a region that is not a region name' {
        { Connect-Clb -SecretId $script:TestSecretId -SecretKey $script:SecureKey -Region 'Guangzhou!' -Endpoint $script:Emu.Url } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$script:ConnectType"
    }
}

Describe 'Get-ClbContext' {
    It 'describes the session: SecretId, region and its source, endpoint, credential source, time' {
        Disconnect-Clb -Confirm:$false
        $started = [DateTimeOffset]::Now.AddSeconds(-1)
        Connect-ClbTest $script:Emu
        $context = Get-ClbContext

        $context | Should -HaveCount 1
        $context.SecretId | Should -Be $script:TestSecretId
        $context.Region | Should -Be 'ap-guangzhou'
        $context.RegionSource | Should -Be 'explicit (-Region)'
        $context.Endpoint | Should -Be $script:Emu.Url
        $context.CredentialSource | Should -Be 'session (Connect-Clb)'
        $context.IsSession | Should -BeTrue
        $context.ConnectedAt | Should -BeGreaterThan $started
    }

    It 'never carries the secret key' {
        Connect-ClbTest $script:Emu
        $context = Get-ClbContext
        $context.PSObject.Properties.Name | Should -Not -Contain 'SecretKey'
        ($context | Format-List * | Out-String) | Should -Not -BeLike "*$($script:TestSecretKey)*"
        ($context | ConvertTo-Json) | Should -Not -BeLike "*$($script:TestSecretKey)*"
    }

    It 'returns nothing when there is no session' {
        Disconnect-Clb -Confirm:$false
        Get-ClbContext | Should -BeNullOrEmpty
    }

    Context 'with -Resolve and only environment variables' {
        BeforeEach {
            $script:Saved = Save-ChainEnvironment
            $script:TempHome = Join-Path ([IO.Path]::GetTempPath()) ('clb-home-' + [guid]::NewGuid().ToString('N'))
            New-Item -ItemType Directory -Path $script:TempHome | Out-Null
            Clear-ChainEnvironment $script:TempHome
            Disconnect-Clb -Confirm:$false
        }
        AfterEach {
            Restore-ChainEnvironment $script:Saved
            Remove-Item -Recurse -Force $script:TempHome -ErrorAction SilentlyContinue
        }

        It 'shows what TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_REGION give, without the key' {
            $env:TENCENTCLOUD_SECRET_ID = 'AKIDfromenvironment1'
            $env:TENCENTCLOUD_SECRET_KEY = 'environment-secret-key'
            $env:TENCENTCLOUD_REGION = 'ap-chengdu'
            $context = Get-ClbContext -Resolve
            $context.SecretId | Should -Be 'AKIDfromenvironment1'
            $context.CredentialSource | Should -BeLike 'environment*TENCENTCLOUD_SECRET_ID*'
            $context.Region | Should -Be 'ap-chengdu'
            $context.RegionSource | Should -BeLike '*TENCENTCLOUD_REGION*'
            $context.IsSession | Should -BeFalse
            ($context | Out-String) | Should -Not -BeLike '*environment-secret-key*'
        }
    }
}

Describe 'Disconnect-Clb' {
    BeforeEach { Connect-ClbTest $script:Emu }

    It '-WhatIf keeps the session' {
        Disconnect-Clb -WhatIf
        (Get-ClbContext).SecretId | Should -Be $script:TestSecretId
    }

    It 'clears the session and emits nothing by default' {
        $output = Disconnect-Clb -Confirm:$false
        $output | Should -BeNullOrEmpty
        Get-ClbContext | Should -BeNullOrEmpty
    }

    It '-PassThru emits the context it removed' {
        $removed = Disconnect-Clb -PassThru -Confirm:$false
        $removed.SecretId | Should -Be $script:TestSecretId
        $removed.Endpoint | Should -Be $script:Emu.Url
        $removed.IsSession | Should -BeFalse
        Get-ClbContext | Should -BeNullOrEmpty
    }

    It 'does nothing, without an error, when there is no session' {
        Disconnect-Clb -Confirm:$false
        $output = Disconnect-Clb -PassThru -Confirm:$false -ErrorVariable err
        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 0
    }
}

Describe 'Without a session or any credentials' {
    BeforeEach {
        $script:Saved = Save-ChainEnvironment
        $script:TempHome = Join-Path ([IO.Path]::GetTempPath()) ('clb-home-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $script:TempHome | Out-Null
        Clear-ChainEnvironment $script:TempHome
        Disconnect-Clb -Confirm:$false
    }
    AfterEach {
        Restore-ChainEnvironment $script:Saved
        Remove-Item -Recurse -Force $script:TempHome -ErrorAction SilentlyContinue
    }

    It 'an API cmdlet stops with a terminating CredentialsUnavailable error that says how to set credentials' {
        $before = Get-TotalCallCount
        $failure = { Invoke-ClbApi -Action DescribeLoadBalancers -Region ap-guangzhou -Endpoint $script:Emu.Url } |
            Should -Throw -ErrorId "CredentialsUnavailable,$script:InvokeType" -PassThru
        $failure.Exception.Message | Should -BeLike '*TENCENTCLOUD_SECRET_ID*'
        $failure.Exception.Message | Should -BeLike '*Connect-Clb*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-TotalCallCount | Should -Be $before
    }

    It 'the same happens to Get-ClbLoadBalancer, even with -ErrorAction SilentlyContinue' {
        { Get-ClbLoadBalancer -Region ap-guangzhou -Endpoint $script:Emu.Url -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'CredentialsUnavailable,*'
    }

    It 'with -Credential but no region anywhere, stops with RegionMissing' {
        { Invoke-ClbApi -Action DescribeLoadBalancers -Credential (Get-ClbTestCredential) -Endpoint $script:Emu.Url } |
            Should -Throw -ErrorId "RegionMissing,$script:InvokeType"
    }

    It 'Connect-Clb without keys, region or environment refuses, naming -Region' {
        { Connect-Clb -Endpoint $script:Emu.Url } | Should -Throw -ErrorId "InvalidParameter.Region,$script:ConnectType"
        Get-ClbContext | Should -BeNullOrEmpty
    }

    It 'environment variables alone are enough (TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _REGION)' {
        $env:TENCENTCLOUD_SECRET_ID = $script:TestSecretId
        $env:TENCENTCLOUD_SECRET_KEY = $script:TestSecretKey
        $env:TENCENTCLOUD_REGION = 'ap-guangzhou'
        $answer = Invoke-ClbApi -Action DescribeLoadBalancers -Parameter @{ Limit = 1 } -Endpoint $script:Emu.Url
        $answer.RequestId | Should -Not -BeNullOrEmpty
    }
}

Describe 'Endpoint rules on API cmdlets' {
    BeforeAll { Connect-ClbTest $script:Emu }

    It 'refuses plain http to a non-loopback host with a clear terminating error and no request' {
        $before = Get-TotalCallCount
        $failure = { Invoke-ClbApi -Action DescribeLoadBalancers -Endpoint 'http://192.0.2.10' } |
            Should -Throw -ErrorId "InvalidConfiguration,$script:InvokeType" -PassThru
        $failure.Exception.Message | Should -BeLike '*plain http*loopback*'
        Get-TotalCallCount | Should -Be $before
    }

    It 'refuses plain http to a non-loopback host for the legacy API too' {
        $before = Get-TotalCallCount
        { Invoke-ClbApi -Legacy -Action DescribeLoadBalancers -Endpoint 'http://192.0.2.10' } | Should -Throw '*plain http*'
        Get-TotalCallCount | Should -Be $before
    }

    It 'refuses an endpoint with a path' {
        { Invoke-ClbApi -Action DescribeLoadBalancers -Endpoint "$($script:Emu.Url)/v3/api" } |
            Should -Throw -ErrorId "InvalidConfiguration,$script:InvokeType"
    }
}

Describe 'Secrets in -Verbose and -Debug output' {
    BeforeAll { Disconnect-Clb -Confirm:$false }

    It 'Connect-Clb and Invoke-ClbApi never write the SecretKey or a signature' {
        $lines = & {
            $DebugPreference = 'Continue'
            $VerbosePreference = 'Continue'
            Connect-Clb -SecretId $script:TestSecretId -SecretKey $script:SecureKey -Region ap-guangzhou -Endpoint $script:Emu.Url -Verbose -Debug
            Invoke-ClbApi -Action DescribeLoadBalancers -Parameter @{ Limit = 1 } -Verbose -Debug
            Invoke-ClbApi -Action DescribeListeners -Parameter @{ LoadBalancerId = 'lb-00000000' } -Verbose -Debug -ErrorAction SilentlyContinue
        } 4>&1 5>&1
        $diagnostics = @($lines | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -or $_ -is [System.Management.Automation.DebugRecord] })
        $text = ($diagnostics | ForEach-Object { $_.Message }) -join "`n"

        # The capture works: both streams carried something about the calls.
        @($diagnostics | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeGreaterThan 0
        @($diagnostics | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count | Should -BeGreaterThan 0
        $text | Should -BeLike '*DescribeLoadBalancers*'

        $text | Should -Not -BeLike "*$($script:TestSecretKey)*"
        $text | Should -Not -Match 'Signature=[0-9a-fA-F]{16,}'
    }

    It 'a rejected key shows neither the key in the error nor in the diagnostics' {
        $wrong = 'wrong-secret-key-0123456789'
        $lines = & {
            $DebugPreference = 'Continue'
            Connect-Clb -SecretId $script:TestSecretId -SecretKey (ConvertTo-SecureString $wrong -AsPlainText -Force) `
                -Region ap-guangzhou -Endpoint $script:Emu.Url -Verbose -Debug -ErrorVariable err -ErrorAction SilentlyContinue
            $err | ForEach-Object { $_.ToString(); $_.Exception.ToString() }
        } 4>&1 5>&1 2>&1
        $text = ($lines | ForEach-Object { if ($_.Message) { $_.Message } else { "$_" } }) -join "`n"
        $text | Should -BeLike '*AuthFailure*'
        $text | Should -Not -BeLike "*$wrong*"
    }
}

Describe 'Invoke-ClbApi' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        Connect-ClbTest $script:Emu
        $script:Lb1 = New-ClbTestLoadBalancer
        $script:Lb2 = New-ClbTestLoadBalancer
    }

    It 'emits the Response as objects (DescribeLoadBalancers TotalCount and the set)' {
        $answer = Invoke-ClbApi -Action DescribeLoadBalancers -Parameter @{ Limit = 20 }
        $answer.TotalCount | Should -Be 2
        $answer.LoadBalancerSet.LoadBalancerId | Should -Contain $script:Lb1.LoadBalancerId
        $answer.LoadBalancerSet.LoadBalancerId | Should -Contain $script:Lb2.LoadBalancerId
        $answer.RequestId | Should -Match '^[0-9a-fA-F-]{8,}$'
    }

    It 'sends the parameters as given (positional -Action and -Parameter, nested arrays)' {
        $answer = Invoke-ClbApi DescribeLoadBalancers @{ LoadBalancerIds = @($script:Lb1.LoadBalancerId) }
        $answer.TotalCount | Should -Be 1
        $answer.LoadBalancerSet[0].LoadBalancerId | Should -Be $script:Lb1.LoadBalancerId
    }

    It 'makes one call per hashtable piped in' {
        $before = Get-ClbEmulatorCallCount $script:Emu -Action DescribeLoadBalancers
        $answers = @{ Limit = 1 }, @{ Limit = 2 } | Invoke-ClbApi -Action DescribeLoadBalancers
        $answers | Should -HaveCount 2
        @($answers[0].LoadBalancerSet).Count | Should -Be 1
        @($answers[1].LoadBalancerSet).Count | Should -Be 2
        Get-ClbEmulatorCallCount $script:Emu -Action DescribeLoadBalancers | Should -Be ($before + 2)
    }

    It '-WhatIf on a mutating action sends nothing' {
        $before = Get-TotalCallCount
        $output = Invoke-ClbApi -Action CreateListener -Parameter @{
            LoadBalancerId = $script:Lb1.LoadBalancerId; Ports = @(8080); Protocol = 'TCP'
        } -WhatIf
        $output | Should -BeNullOrEmpty
        Get-TotalCallCount | Should -Be $before
        Get-ClbEmulatorCallCount $script:Emu -Action CreateListener | Should -Be 0
        (Invoke-ClbApi DescribeListeners @{ LoadBalancerId = $script:Lb1.LoadBalancerId }).TotalCount | Should -Be 0
    }

    It '-WhatIf on a read sends nothing either' {
        $before = Get-TotalCallCount
        Invoke-ClbApi -Action DescribeLoadBalancers -WhatIf | Should -BeNullOrEmpty
        Get-TotalCallCount | Should -Be $before
    }

    It 'an API error carries the Tencent code as FullyQualifiedErrorId, the RequestId and a category' {
        $output = Invoke-ClbApi -Action DescribeListeners -Parameter @{ LoadBalancerId = 'lb-00000000' } -ErrorVariable err -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.LBIdNotFound,$script:InvokeType"
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.RequestId | Should -Not -BeNullOrEmpty
        $err[0].TargetObject | Should -Be 'DescribeListeners'
    }

    It 'with -ErrorAction Stop the API error is thrown with the same id' {
        { Invoke-ClbApi DescribeListeners @{ LoadBalancerId = 'lb-00000000' } -ErrorAction Stop } |
            Should -Throw -ErrorId "InvalidParameter.LBIdNotFound,$script:InvokeType"
    }

    It 'refuses a bad -Action name before sending anything' {
        $before = Get-TotalCallCount
        { Invoke-ClbApi -Action 'Describe-LoadBalancers' } | Should -Throw -ErrorId "ParameterArgumentValidationError,$script:InvokeType"
        { Invoke-ClbApi -Action 'DescribeLoadBalancers;rm' } | Should -Throw -ErrorId "ParameterArgumentValidationError,$script:InvokeType"
        Get-TotalCallCount | Should -Be $before
    }

    It 'refuses a SecureString inside -Parameter before sending anything' {
        $before = Get-TotalCallCount
        { Invoke-ClbApi -Action CreateListener -Parameter @{ LoadBalancerId = $script:Lb1.LoadBalancerId; Password = $script:SecureKey } -Confirm:$false } |
            Should -Throw -ErrorId "InvalidParameter.Parameter,$script:InvokeType"
        Get-TotalCallCount | Should -Be $before
    }

    It 'starts an asynchronous action and returns its RequestId (the task id)' {
        $answer = Invoke-ClbApi CreateListener @{ LoadBalancerId = $script:Lb2.LoadBalancerId; Ports = @(9000); Protocol = 'TCP' } -Confirm:$false
        $answer.ListenerIds | Should -HaveCount 1
        $answer.ListenerIds[0] | Should -BeLike 'lbl-*'
        $answer.RequestId | Should -Not -BeNullOrEmpty
        (Wait-ClbTask -TaskId $answer.RequestId).Status | Should -Be 'Succeeded'
    }

    It '-Legacy with -WhatIf sends nothing' {
        $before = Get-TotalCallCount
        Invoke-ClbApi -Legacy -Action DeleteLoadBalancers -Parameter @{ loadBalancerIds = @('lb-00000000') } -WhatIf | Should -BeNullOrEmpty
        Get-TotalCallCount | Should -Be $before
    }
}

Describe 'Get-ClbCommand' {
    It 'maps DescribeLoadBalancers to Get-ClbLoadBalancer' {
        $found = Get-ClbCommand -Action DescribeLoadBalancers
        $found.Cmdlet | Should -Contain 'Get-ClbLoadBalancer'
        $found | ForEach-Object { $_.Action | Should -Be 'DescribeLoadBalancers' }
        $found[0] | Should -BeOfType 'ClbPowerShell.Cmdlets.Session.ClbCommandInfo'
    }

    It 'takes the action positionally and ignores case' {
        (Get-ClbCommand describetaskstatus).Cmdlet | Should -Contain 'Wait-ClbTask'
    }

    It 'accepts wildcards' {
        $found = Get-ClbCommand -Action 'Describe*'
        ($found.Action | Sort-Object -Unique) | Should -Contain 'DescribeTaskStatus'
        ($found.Action | Sort-Object -Unique) | Should -Contain 'DescribeLoadBalancers'
        $found | ForEach-Object { $_.Action | Should -BeLike 'Describe*' }
        $found.Cmdlet | Should -Contain 'Get-ClbTask'
    }

    It 'lists every mapping without parameters, sorted by action' {
        $all = Get-ClbCommand
        $all.Count | Should -BeGreaterThan 3
        $actions = [string[]]$all.Action
        $ordered = [string[]]$actions.Clone()
        [Array]::Sort($ordered, [StringComparer]::Ordinal)
        ($actions -join ',') | Should -Be ($ordered -join ',') -Because 'the output is ordered by action'
        $all.Cmdlet | Should -Contain 'Get-ClbLoadBalancer'
        $all.Cmdlet | Should -Contain 'Wait-ClbTask'
    }

    It 'finds the actions a cmdlet calls with -Name' {
        $found = Get-ClbCommand -Name Get-ClbTask
        $found | Should -HaveCount 1
        $found.Action | Should -Be 'DescribeTaskStatus'
        (Get-ClbCommand -Name '*-ClbTask').Cmdlet | Sort-Object -Unique | Should -Be @('Get-ClbTask', 'Wait-ClbTask')
    }

    It 'binds -Action from the Action property of piped objects' {
        $found = [pscustomobject]@{ Action = 'DescribeTaskStatus' } | Get-ClbCommand
        $found.Cmdlet | Should -Contain 'Get-ClbTask'
    }

    It 'writes an ActionNotMapped error for an unknown action and points at Invoke-ClbApi' {
        $output = Get-ClbCommand -Action NoSuchActionAtAll -ErrorVariable err -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ActionNotMapped,ClbPowerShell.Cmdlets.Session.GetClbCommandCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].Exception.Message | Should -BeLike '*Invoke-ClbApi*'
    }

    It 'a wildcard that matches nothing is not an error' {
        $output = Get-ClbCommand -Action 'NoSuch*' -ErrorVariable err
        $output | Should -BeNullOrEmpty
        $err | Should -HaveCount 0
    }
}
