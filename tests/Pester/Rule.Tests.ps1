# Layer-7 rule cmdlets against the emulator process: Get-/New-/Set-/Remove-ClbRule, Rename-ClbDomain, Set-ClbDomain.
# Listeners are made with Invoke-ClbApi (the listener cmdlets are another area's), then waited for with Wait-ClbTask.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    Connect-ClbTest $script:Emu

    function New-RuleTestListener {
        param([string] $LoadBalancerId, [string] $Protocol = 'HTTP', [int] $Port = 80)
        $p = @{ LoadBalancerId = $LoadBalancerId; Protocol = $Protocol; Ports = @($Port) }
        if ($Protocol -eq 'HTTPS') { $p.Certificate = @{ CertId = 'cert-abc12345' } }
        $r = Invoke-ClbApi -Action CreateListener -Parameter $p -Confirm:$false
        Wait-ClbTask -TaskId $r.RequestId | Out-Null
        [pscustomobject]@{ LoadBalancerId = $LoadBalancerId; ListenerId = @($r.ListenerIds)[0]; Protocol = $Protocol; Port = $Port; Region = 'ap-guangzhou' }
    }

    function Add-RuleTestRule {
        <# Seeds rules through the raw API, so the Get tests do not depend on New-ClbRule. Returns the LocationIds. #>
        param($Listener, [string] $Domain, [string[]] $Url)
        $rules = @($Url | ForEach-Object { @{ Domain = $Domain; Url = $_ } })
        $r = Invoke-ClbApi -Action CreateRule -Parameter @{ LoadBalancerId = $Listener.LoadBalancerId; ListenerId = $Listener.ListenerId; Rules = $rules } -Confirm:$false
        Wait-ClbTask -TaskId $r.RequestId | Out-Null
        , @($r.LocationIds) # always an array, even for one rule
    }

    $script:RuleType = 'ClbPowerShell.Client.Models.RuleOutput'
    $script:Ns = 'ClbPowerShell.Cmdlets.Rules'
}
AfterAll { Stop-ClbTestEmulator $script:Emu }

Describe 'Get-ClbRule' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'rules-get'
        $script:Http = New-RuleTestListener $script:Lb.LoadBalancerId HTTP 80
        $script:Https = New-RuleTestListener $script:Lb.LoadBalancerId HTTPS 443
        $script:Tcp = New-RuleTestListener $script:Lb.LoadBalancerId TCP 9000
        $script:Www = Add-RuleTestRule $script:Http 'www.example.com' '/', '/api', '/img'
        $script:Shop = Add-RuleTestRule $script:Https 'shop.example.org' '/api/v1'
        $script:Star = Add-RuleTestRule $script:Https '*.example.com' '/'
    }

    It 'emits every rule of the HTTP and HTTPS listeners with its context' {
        $rules = Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId
        $rules | Should -HaveCount 5
        $rules | ForEach-Object { $_ | Should -BeOfType ([type]$script:RuleType) }
        $api = $rules | Where-Object LocationId -eq $script:Www[1]
        $api.Domain | Should -Be 'www.example.com'
        $api.Url | Should -Be '/api'
        $api.ListenerId | Should -Be $script:Http.ListenerId
        $api.LoadBalancerId | Should -Be $script:Lb.LoadBalancerId
        $api.Region | Should -Be 'ap-guangzhou'
        $api.Protocol | Should -Be 'HTTP'
        $api.Port | Should -Be 80
        ($rules | Where-Object LocationId -eq $script:Shop[0]).Protocol | Should -Be 'HTTPS'
    }

    It 'takes the load balancer from the pipeline' {
        ($script:Lb | Get-ClbRule | Measure-Object).Count | Should -Be 5
    }

    It 'takes listeners from the pipeline by ListenerId' {
        $rules = $script:Https | Get-ClbRule
        $rules | Should -HaveCount 2
        $rules.ListenerId | Sort-Object -Unique | Should -Be $script:Https.ListenerId
    }

    It 'works after Get-ClbListener when that cmdlet exists' {
        if (-not (Get-Command Get-ClbListener -ErrorAction SilentlyContinue)) { Set-ItResult -Skipped -Because 'Get-ClbListener is not in this build'; return }
        $rules = Get-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId | Where-Object Port -eq 80 | Get-ClbRule
        ($rules.LocationId | Sort-Object) | Should -Be ($script:Www | Sort-Object)
    }

    It 'filters by <Case>' -ForEach @(
        @{ Case = 'a domain wildcard'; Params = @{ Domain = '*.ORG' }; Expect = 'Shop' }
        @{ Case = 'an exact domain, ignoring case'; Params = @{ Domain = 'WWW.example.com' }; Expect = 'Www' }
        @{ Case = 'a literal wildcard domain (escaped)'; Params = @{ Domain = '`*.example.com' }; Expect = 'Star' }
        @{ Case = 'a url wildcard'; Params = @{ Url = '/api*' }; Expect = 'Apis' }
        @{ Case = 'an exact url'; Params = @{ Url = '/api' }; Expect = 'Api' }
    ) {
        $expected = switch ($Expect) {
            'Shop' { $script:Shop }
            'Www' { $script:Www }
            'Star' { $script:Star }
            'Apis' { @($script:Www[1]) + $script:Shop }
            'Api' { @($script:Www[1]) }
        }
        $rules = Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId @Params
        ($rules.LocationId | Sort-Object) | Should -Be ($expected | Sort-Object)
    }

    It 'filters by location ids, combined with the other filters' {
        $rules = Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -LocationId $script:Www[0], $script:Shop[0]
        ($rules.LocationId | Sort-Object) | Should -Be (@($script:Www[0], $script:Shop[0]) | Sort-Object)
        (Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -LocationId $script:Www[0], $script:Shop[0] -Url '/api*').LocationId | Should -Be $script:Shop[0]
    }

    It 'emits nothing for a TCP listener' {
        Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Tcp.ListenerId | Should -BeNullOrEmpty
    }

    It 'reports an unknown load balancer with its error code' {
        Get-ClbRule -LoadBalancerId 'lb-nothere1' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.LBIdNotFound,$script:Ns.GetClbRuleCommand"
    }

    It 'refuses a malformed id before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DescribeListeners'
        { Get-ClbRule -LoadBalancerId 'lb-x' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId 'listener-1' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu 'DescribeListeners' | Should -Be $before
    }
}

Describe 'New-ClbRule' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'rules-new'
        $script:Http = New-RuleTestListener $script:Lb.LoadBalancerId HTTP 80
        $script:Http2 = New-RuleTestListener $script:Lb.LoadBalancerId HTTP 81
        $script:Tcp = New-RuleTestListener $script:Lb.LoadBalancerId TCP 9000
    }

    It 'creates one rule per domain and url and emits them with -Wait' {
        $rules = New-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain a.example.com, b.example.com -Url /, /api `
            -Scheduler IP_HASH -SessionExpireTime 60 -HealthCheck @{ HttpCheckPath = '/health'; IntervalTime = 7 } -Wait -Confirm:$false
        $rules | Should -HaveCount 4
        $rules | ForEach-Object { $_ | Should -BeOfType ([type]$script:RuleType) }
        ($rules | ForEach-Object { $_.Domain + $_.Url } | Sort-Object) | Should -Be @('a.example.com/', 'a.example.com/api', 'b.example.com/', 'b.example.com/api')
        $rules | ForEach-Object {
            $_.LocationId | Should -Match '^loc-'
            $_.Scheduler | Should -Be 'IP_HASH'
            $_.SessionExpireTime | Should -Be 60
            $_.HealthCheck.HttpCheckPath | Should -Be '/health'
            $_.HealthCheck.IntervalTime | Should -Be 7
            $_.ListenerId | Should -Be $script:Http.ListenerId
            $_.LoadBalancerId | Should -Be $script:Lb.LoadBalancerId
            $_.Protocol | Should -Be 'HTTP'
            $_.Port | Should -Be 80
        }
    }

    It 'emits a task without -Wait, and the rule exists once the task is done' {
        $task = New-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain c.example.com -Url /only -Confirm:$false
        $task | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbTask])
        $task.Action | Should -Be 'CreateRule'
        $task.LoadBalancerId | Should -Be $script:Lb.LoadBalancerId
        $task.ResourceId | Should -Match '^loc-'
        $task | Wait-ClbTask | Out-Null
        (Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -LocationId $task.ResourceId).Url | Should -Be '/only'
    }

    It 'takes -Rule hashtables, filling left-out fields from the parameters' {
        $rules = New-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http2.ListenerId -Scheduler LEAST_CONN -Wait -Confirm:$false -Rule @(
            @{ domain = 'h.example.com'; url = '/x'; Scheduler = 'IP_HASH' }
            @{ Domain = 'h.example.com'; Url = '/y'; HealthCheck = @{ HttpCheckPath = '/y-health' } }
        )
        $rules | Should -HaveCount 2
        ($rules | Where-Object Url -eq '/x').Scheduler | Should -Be 'IP_HASH'
        ($rules | Where-Object Url -eq '/y').Scheduler | Should -Be 'LEAST_CONN'
        ($rules | Where-Object Url -eq '/y').HealthCheck.HttpCheckPath | Should -Be '/y-health'
    }

    It 'takes listeners from the pipeline: one CreateRule per listener' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateRule'
        $tasks = $script:Http, $script:Http2 | New-ClbRule -Domain piped.example.com -Url /p -Confirm:$false
        $tasks | Should -HaveCount 2
        (Get-ClbEmulatorCallCount $script:Emu 'CreateRule') - $before | Should -Be 2
        $tasks | Wait-ClbTask | Out-Null
        (Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -Domain piped.example.com).ListenerId | Sort-Object | Should -Be (@($script:Http.ListenerId, $script:Http2.ListenerId) | Sort-Object)
    }

    It 'reports a domain and url that already exist with the service error code' {
        New-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain a.example.com -Url / -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter,$script:Ns.NewClbRuleCommand"
    }

    It 'reports a rule on a TCP listener as ProtocolCheckFailed' {
        New-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Tcp.ListenerId -Domain a.example.com -Url / -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.ProtocolCheckFailed,$script:Ns.NewClbRuleCommand"
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses <Case> before sending' -ForEach @(
        @{ Case = 'the same domain and url twice'; Params = @{ Domain = 'd.example.com', 'D.example.com'; Url = '/' }; Id = 'InvalidParameter.Url*' }
        @{ Case = 'a session time of 10'; Params = @{ Domain = 'd.example.com'; Url = '/'; SessionExpireTime = 10 }; Id = 'InvalidParameter.SessionExpireTime*' }
        @{ Case = 'an unknown health check key'; Params = @{ Domain = 'd.example.com'; Url = '/'; HealthCheck = @{ Path = '/x' } }; Id = 'InvalidParameter.HealthCheck*' }
        @{ Case = 'an unknown rule key'; Params = @{ Rule = @(@{ Domain = 'd.example.com'; Url = '/'; Sheduler = 'WRR' }) }; Id = 'InvalidParameter.Rule*' }
        @{ Case = 'a rule without a url'; Params = @{ Rule = @(@{ Domain = 'd.example.com' }) }; Id = 'InvalidParameter.Rule*' }
        @{ Case = 'a rule url without a slash'; Params = @{ Rule = @(@{ Domain = 'd.example.com'; Url = 'x' }) }; Id = 'InvalidParameter.Rule*' }
        @{ Case = 'more than 50 rules'; Params = @{ Domain = 'd.example.com'; Url = (1..51 | ForEach-Object { "/$_" }) }; Id = 'InvalidParameter.Url*' }
        @{ Case = 'a url without a slash'; Params = @{ Domain = 'd.example.com'; Url = 'api' }; Id = 'ParameterArgumentValidationError*' }
        @{ Case = 'a domain with a space'; Params = @{ Domain = 'a b.com'; Url = '/' }; Id = 'ParameterArgumentValidationError*' }
        @{ Case = 'an unknown scheduler'; Params = @{ Domain = 'd.example.com'; Url = '/'; Scheduler = 'RANDOM' }; Id = 'ParameterArgumentValidationError*' }
    ) {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateRule'
        { New-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId @Params -Confirm:$false } | Should -Throw -ErrorId $Id
        Get-ClbEmulatorCallCount $script:Emu 'CreateRule' | Should -Be $before
    }

    It '-WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateRule'
        New-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain w.example.com -Url / -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'CreateRule' | Should -Be $before
    }
}

Describe 'Set-ClbRule' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'rules-set'
        $script:Http = New-RuleTestListener $script:Lb.LoadBalancerId HTTP 80
        $script:Ids = Add-RuleTestRule $script:Http 'set.example.com' '/a', '/b'
    }

    It 'changes a piped rule with -Wait and emits it, without rewriting it from its own properties' {
        $rule = Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -LocationId $script:Ids[0]
        $changed = $rule | Set-ClbRule -Url /a2 -Scheduler LEAST_CONN -HealthCheck @{ HttpCheckPath = '/ping' } -Wait -Confirm:$false
        $changed | Should -BeOfType ([type]$script:RuleType)
        $changed.LocationId | Should -Be $script:Ids[0]
        $changed.Url | Should -Be '/a2'
        $changed.Scheduler | Should -Be 'LEAST_CONN'
        $changed.HealthCheck.HttpCheckPath | Should -Be '/ping'
        $changed.Domain | Should -Be 'set.example.com'
    }

    It 'emits a task without -Wait' {
        $task = Set-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -LocationId $script:Ids[1] -SessionExpireTime 120 -Confirm:$false
        $task.Action | Should -Be 'ModifyRule'
        $task.ResourceId | Should -Be $script:Ids[1]
        $task | Wait-ClbTask | Out-Null
        (Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -LocationId $script:Ids[1]).SessionExpireTime | Should -Be 120
    }

    It 'reports an unknown rule with its error code' {
        Set-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -LocationId 'loc-nothere1' -Url /z -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.LocationNotFound,$script:Ns.SetClbRuleCommand"
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses <Case> before sending' -ForEach @(
        @{ Case = 'no change at all'; Params = @{}; Id = 'InvalidParameter.Url*' }
        @{ Case = 'TRPC without callee and function'; Params = @{ ForwardType = 'TRPC' }; Id = 'InvalidParameter.ForwardType*' }
        @{ Case = 'tRPC fields with HTTP'; Params = @{ ForwardType = 'HTTP'; TrpcCallee = 'svc' }; Id = 'InvalidParameter.TrpcCallee*' }
        @{ Case = 'a session time of 5'; Params = @{ SessionExpireTime = 5 }; Id = 'InvalidParameter.SessionExpireTime*' }
        @{ Case = 'an unknown health check key'; Params = @{ HealthCheck = @{ Interval = 5 } }; Id = 'InvalidParameter.HealthCheck*' }
        @{ Case = 'a url without a slash'; Params = @{ Url = 'nope' }; Id = 'ParameterArgumentValidationError*' }
    ) {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyRule'
        { Set-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -LocationId $script:Ids[1] @Params -Confirm:$false } | Should -Throw -ErrorId $Id
        Get-ClbEmulatorCallCount $script:Emu 'ModifyRule' | Should -Be $before
    }

    It '-WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyRule'
        Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId | Set-ClbRule -Scheduler IP_HASH -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'ModifyRule' | Should -Be $before
    }
}

Describe 'Remove-ClbRule' {
    BeforeEach {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'rules-remove'
        $script:L1 = New-RuleTestListener $script:Lb.LoadBalancerId HTTP 80
        $script:L2 = New-RuleTestListener $script:Lb.LoadBalancerId HTTP 81
        $script:Ids1 = Add-RuleTestRule $script:L1 'r.example.com' '/1', '/2', '/keep'
        $script:Ids2 = Add-RuleTestRule $script:L2 's.example.com' '/1', '/2'
    }
    AfterEach {
        Invoke-ClbEmulatorControl $script:Emu 'settings' -Method POST -Body @{ TaskDurationMs = 0 } | Out-Null
    }

    It 'deletes piped rules with one DeleteRule call per listener, waiting between tasks of one load balancer' {
        # Tasks that take a while: a second call on the busy load balancer would fail unless the first task is waited for.
        Invoke-ClbEmulatorControl $script:Emu 'settings' -Method POST -Body @{ TaskDurationMs = 400 } | Out-Null
        $before = Get-ClbEmulatorCallCount $script:Emu 'DeleteRule'
        $tasks = Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -Url '/[12]' | Remove-ClbRule -Force -ErrorVariable err
        $err | Should -BeNullOrEmpty
        (Get-ClbEmulatorCallCount $script:Emu 'DeleteRule') - $before | Should -Be 2
        $tasks | Should -HaveCount 2
        $tasks.Action | Sort-Object -Unique | Should -Be 'DeleteRule'
        $tasks | Wait-ClbTask | Out-Null
        (Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId).LocationId | Should -Be $script:Ids1[2]
    }

    It '-WhatIf sends nothing and keeps the rules' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DeleteRule'
        Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId | Remove-ClbRule -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'DeleteRule' | Should -Be $before
        Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId | Should -HaveCount 5
    }

    It 'deletes by domain and url, and emits the finished task with -Wait -PassThru' {
        $task = Remove-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:L1.ListenerId -Domain r.example.com -Url /keep -Wait -PassThru -Force
        $task.Action | Should -Be 'DeleteRule'
        $task.Status | Should -Be 'Succeeded'
        Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -LocationId $script:Ids1[2] | Should -BeNullOrEmpty
    }

    It 'emits nothing with -Wait alone' {
        Remove-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:L2.ListenerId -LocationId $script:Ids2 -Wait -Force | Should -BeNullOrEmpty
        Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:L2.ListenerId | Should -BeNullOrEmpty
    }

    It 'reports a failing listener as one error and still deletes the other listeners rules' {
        $pipe = @(
            [pscustomobject]@{ LoadBalancerId = $script:Lb.LoadBalancerId; ListenerId = $script:L1.ListenerId; LocationId = 'loc-nothere1' }
            [pscustomobject]@{ LoadBalancerId = $script:Lb.LoadBalancerId; ListenerId = $script:L2.ListenerId; LocationId = $script:Ids2[0] }
        )
        $tasks = $pipe | Remove-ClbRule -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.LocationNotFound,$script:Ns.RemoveClbRuleCommand"
        $tasks | Should -HaveCount 1
        $tasks | Wait-ClbTask | Out-Null
        (Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:L2.ListenerId).LocationId | Should -Be $script:Ids2[1]
    }

    It '-Force alone deletes without a prompt, and -WhatIf with -Force still sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DeleteRule'
        Remove-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:L1.ListenerId -LocationId $script:Ids1[0] -Force -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'DeleteRule' | Should -Be $before
        $task = Remove-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:L1.ListenerId -LocationId $script:Ids1[0] -Force
        $task.Action | Should -Be 'DeleteRule'
        $task | Wait-ClbTask | Out-Null
        Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -LocationId $script:Ids1[0] | Should -BeNullOrEmpty
    }

    It 'refuses a malformed location id before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DeleteRule'
        { Remove-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:L1.ListenerId -LocationId 'rule-1' -Force } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu 'DeleteRule' | Should -Be $before
    }
}

Describe 'Rename-ClbDomain' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'rules-rename'
        $script:Http = New-RuleTestListener $script:Lb.LoadBalancerId HTTP 80
        $script:Ids = Add-RuleTestRule $script:Http 'old.example.com' '/a', '/b'
    }

    It 'renames once for several piped rules of the domain and emits the renamed rules with -Wait' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyDomain'
        $rules = Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -Domain old.example.com | Rename-ClbDomain -NewDomain new.example.com -Wait -Confirm:$false
        (Get-ClbEmulatorCallCount $script:Emu 'ModifyDomain') - $before | Should -Be 1
        ($rules.LocationId | Sort-Object) | Should -Be ($script:Ids | Sort-Object)
        $rules.Domain | Sort-Object -Unique | Should -Be 'new.example.com'
        Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -Domain old.example.com | Should -BeNullOrEmpty
    }

    It 'emits a task without -Wait' {
        $task = Rename-ClbDomain -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain new.example.com -NewDomain newer.example.com -Confirm:$false
        $task.Action | Should -Be 'ModifyDomain'
        $task | Wait-ClbTask | Out-Null
        Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -Domain newer.example.com | Should -HaveCount 2
    }

    It 'reports an unknown domain with its error code' {
        Rename-ClbDomain -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain nothere.example.com -NewDomain x.example.com -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.LocationNotFound,$script:Ns.RenameClbDomainCommand"
    }

    It 'refuses the same name before sending, and -WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyDomain'
        { Rename-ClbDomain -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain a.example.com -NewDomain A.example.com -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.NewDomain*'
        Rename-ClbDomain -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain newer.example.com -NewDomain z.example.com -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'ModifyDomain' | Should -Be $before
    }
}

Describe 'Set-ClbDomain' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'rules-domain'
        $script:Http = New-RuleTestListener $script:Lb.LoadBalancerId HTTP 80
        $script:First = Add-RuleTestRule $script:Http 'first.example.com' '/'
        $script:Second = Add-RuleTestRule $script:Http 'second.example.com' '/', '/x'
    }

    It 'makes a domain the default and renames it, emitting its rules with -Wait' {
        $rules = Set-ClbDomain -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain second.example.com -NewDomain third.example.com -DefaultServer -Wait -Confirm:$false
        $rules | Should -HaveCount 2
        $rules.Domain | Sort-Object -Unique | Should -Be 'third.example.com'
        $rules.DefaultServer | Sort-Object -Unique | Should -Be $true
        (Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -Domain first.example.com).DefaultServer | Should -Be $false
    }

    It 'changes a piped domain once and emits a task without -Wait' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyDomainAttributes'
        $tasks = Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -Domain third.example.com | Set-ClbDomain -DefaultServer:$false -NewDefaultServerDomain first.example.com -Confirm:$false
        (Get-ClbEmulatorCallCount $script:Emu 'ModifyDomainAttributes') - $before | Should -Be 1
        $tasks.Action | Should -Be 'ModifyDomainAttributes'
        $tasks | Wait-ClbTask | Out-Null
        (Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -Domain first.example.com).DefaultServer | Should -Be $true
    }

    It 'reports HTTP/2 on an HTTP listener with the service error code' {
        Set-ClbDomain -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain first.example.com -Http2 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.ProtocolCheckFailed,$script:Ns.SetClbDomainCommand"
    }

    It 'refuses <Case> before sending' -ForEach @(
        @{ Case = 'no change at all'; Params = @{}; Id = 'InvalidParameter.NewDomain*' }
        @{ Case = 'a CA certificate without MUTUAL'; Params = @{ CertificateId = 'cert-1'; CertificateCaId = 'ca-1' }; Id = 'InvalidParameter.SSLMode*' }
        @{ Case = 'MUTUAL without a CA certificate'; Params = @{ CertificateId = 'cert-1'; SSLMode = 'MUTUAL' }; Id = 'InvalidParameter.CertificateCaId*' }
        @{ Case = 'an SSL mode without a certificate'; Params = @{ SSLMode = 'UNIDIRECTIONAL' }; Id = 'InvalidParameter.CertificateId*' }
        @{ Case = 'a new default while becoming the default'; Params = @{ DefaultServer = $true; NewDefaultServerDomain = 'x.example.com' }; Id = 'InvalidParameter.NewDefaultServerDomain*' }
    ) {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyDomainAttributes'
        { Set-ClbDomain -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain first.example.com @Params -Confirm:$false } | Should -Throw -ErrorId $Id
        Get-ClbEmulatorCallCount $script:Emu 'ModifyDomainAttributes' | Should -Be $before
    }

    It '-WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyDomainAttributes'
        Set-ClbDomain -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain first.example.com -NewDomain w.example.com -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'ModifyDomainAttributes' | Should -Be $before
    }
}
