# Targets, read side and function targets: Get-ClbTarget, Get-ClbTargetHealth, Get-ClbCrossTarget,
# Find-ClbTargetBinding, Register-/Unregister-/Set-ClbFunctionTarget, against the emulator process.
# Listeners, rules and targets are set up with Invoke-ClbApi, so this file needs no other area's cmdlets.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    Connect-ClbTest $script:Emu

    function New-TestListener([string] $LoadBalancerId, [string] $Protocol, [int] $Port) {
        (Invoke-ClbApi CreateListener @{ LoadBalancerId = $LoadBalancerId; Protocol = $Protocol; Ports = @($Port) }).ListenerIds[0]
    }
    function New-TestRule([string] $LoadBalancerId, [string] $ListenerId, [string] $Domain, [string] $Url) {
        (Invoke-ClbApi CreateRule @{ LoadBalancerId = $LoadBalancerId; ListenerId = $ListenerId; Rules = @(@{ Domain = $Domain; Url = $Url }) }).LocationIds[0]
    }
    function Register-TestTarget([string] $LoadBalancerId, [string] $ListenerId, [object[]] $Targets, [string] $LocationId) {
        $p = @{ LoadBalancerId = $LoadBalancerId; ListenerId = $ListenerId; Targets = $Targets }
        if ($LocationId) { $p.LocationId = $LocationId }
        Invoke-ClbApi RegisterTargets $p | Out-Null
    }

    # One load balancer: TCP:80 with a CVM and an ENI target, HTTP:8080 with a rule holding two CVMs.
    $script:Lb = New-ClbTestLoadBalancer
    $script:LbId = $script:Lb.LoadBalancerId
    $script:Tcp = New-TestListener $script:LbId TCP 80
    $script:Http = New-TestListener $script:LbId HTTP 8080
    $script:Loc = New-TestRule $script:LbId $script:Http 'api.example.com' '/v1'
    Register-TestTarget $script:LbId $script:Tcp @(@{ InstanceId = 'ins-pest0001'; Port = 9000; Weight = 40 }, @{ EniIp = '172.16.9.10'; Port = 9001 })
    Register-TestTarget $script:LbId $script:Http @(@{ InstanceId = 'ins-pest0001'; Port = 8000 }, @{ InstanceId = 'ins-pest0002'; Port = 8000; Weight = 0 }) $script:Loc
}

AfterAll {
    Stop-ClbTestEmulator $script:Emu
}

Describe 'Get-ClbTarget' {
    It 'emits one ClbTarget per binding, flattened' {
        $all = @(Get-ClbTarget -LoadBalancerId $script:LbId)
        $all.Count | Should -Be 4
        $all[0] | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbTarget])
        $all | ForEach-Object { $_.LoadBalancerId | Should -Be $script:LbId; $_.Region | Should -Be 'ap-guangzhou' }

        $cvm = $all | Where-Object { $_.ListenerId -eq $script:Tcp -and $_.Type -eq 'CVM' }
        $cvm.InstanceId | Should -Be 'ins-pest0001'
        $cvm.EniIp | Should -BeNullOrEmpty
        $cvm.LocationId | Should -BeNullOrEmpty
        $cvm.Protocol | Should -Be 'TCP'
        $cvm.ListenerPort | Should -Be 80
        $cvm.Port | Should -Be 9000
        $cvm.Weight | Should -Be 40

        $eni = $all | Where-Object { $_.Type -eq 'ENI' }
        $eni.InstanceId | Should -BeNullOrEmpty
        $eni.EniIp | Should -Be '172.16.9.10'
        $eni.Port | Should -Be 9001

        $l7 = @($all | Where-Object ListenerId -eq $script:Http)
        $l7.Count | Should -Be 2
        $l7 | ForEach-Object { $_.LocationId | Should -Be $script:Loc; $_.Domain | Should -Be 'api.example.com'; $_.Url | Should -Be '/v1' }
    }

    It 'narrows by listener, rule, protocol, port, private IP and instance' {
        @(Get-ClbTarget $script:LbId -ListenerId $script:Tcp).Count | Should -Be 2
        @(Get-ClbTarget $script:LbId -LocationId $script:Loc).InstanceId | Sort-Object | Should -Be @('ins-pest0001', 'ins-pest0002')
        @(Get-ClbTarget $script:LbId -Protocol HTTP).Count | Should -Be 2
        @(Get-ClbTarget $script:LbId -Port 80).ListenerId | Select-Object -Unique | Should -Be $script:Tcp
        (Get-ClbTarget $script:LbId -PrivateIp 172.16.9.10).EniIp | Should -Be '172.16.9.10'
        $one = @(Get-ClbTarget $script:LbId -InstanceId ins-pest0002)
        $one.Count | Should -Be 1
        $one[0].Weight | Should -Be 0
        @(Get-ClbTarget $script:LbId -InstanceId ins-pest0001).Count | Should -Be 2
    }

    It 'binds LoadBalancerId, ListenerId and LocationId from piped objects' {
        $listeners = @(
            [pscustomobject]@{ LoadBalancerId = $script:LbId; ListenerId = $script:Tcp; Protocol = 'TCP'; Port = 80 }
            [pscustomobject]@{ LoadBalancerId = $script:LbId; ListenerId = $script:Http; Protocol = 'HTTP'; Port = 8080 }
        )
        @($listeners | Get-ClbTarget).Count | Should -Be 4
        $rule = [pscustomobject]@{ LoadBalancerId = $script:LbId; ListenerId = $script:Http; LocationId = $script:Loc; Domain = 'api.example.com' }
        $fromRule = @($rule | Get-ClbTarget)
        $fromRule.Count | Should -Be 2
        $fromRule.LocationId | Select-Object -Unique | Should -Be $script:Loc
    }

    It 'follows Get-ClbLoadBalancer | Get-ClbListener | Get-ClbTarget' {
        @(Get-ClbLoadBalancer -LoadBalancerId $script:LbId | Get-ClbListener | Get-ClbTarget).Count | Should -Be 4
    }

    It 'follows Get-ClbRule | Get-ClbTarget' {
        $t = @(Get-ClbLoadBalancer -LoadBalancerId $script:LbId | Get-ClbListener | Where-Object ListenerId -eq $script:Http | Get-ClbRule | Get-ClbTarget)
        $t.Count | Should -Be 2
        $t.LocationId | Select-Object -Unique | Should -Be $script:Loc
    }

    It 'reports an unknown load balancer with the service error code' {
        $err = $null
        Get-ClbTarget -LoadBalancerId lb-zzzzzzzz -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter.LBIdNotFound,ClbPowerShell.Cmdlets.Targets.GetClbTargetCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses bad input before sending anything' {
        $before = Get-ClbEmulatorCallCount $script:Emu DescribeTargets
        { Get-ClbTarget -LoadBalancerId 'lb-BAD' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-ClbTarget -LoadBalancerId $script:LbId -Port 70000 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-ClbTarget -LoadBalancerId $script:LbId -PrivateIp 'not-an-ip' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.PrivateIp*'
        { Get-ClbTarget -LoadBalancerId $script:LbId -InstanceId 'i-123' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu DescribeTargets | Should -Be $before
    }
}

Describe 'Get-ClbTargetHealth' {
    It 'emits one health object per binding, layer-4 ones without a rule' {
        $h = @($script:Lb | Get-ClbTargetHealth)
        $h.Count | Should -Be 4
        $h[0] | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbTargetHealth])
        $h | ForEach-Object { $_.HealthStatus | Should -BeTrue; $_.HealthStatusDetail | Should -Be 'Alive'; $_.Region | Should -Be 'ap-guangzhou' }
        $l4 = @($h | Where-Object ListenerId -eq $script:Tcp)
        $l4.Count | Should -Be 2
        $l4 | ForEach-Object { $_.LocationId | Should -BeNullOrEmpty }
        ($l4 | Where-Object TargetId -eq 'ins-pest0001').Port | Should -Be 9000
        ($h | Where-Object ListenerId -eq $script:Http).LocationId | Select-Object -Unique | Should -Be $script:Loc
        @(Get-ClbTargetHealth $script:LbId -Unhealthy).Count | Should -Be 0
    }

    It 'asks for piped load balancers together' {
        $other = New-ClbTestLoadBalancer
        $before = Get-ClbEmulatorCallCount $script:Emu DescribeTargetHealth
        @($script:LbId, $other.LoadBalancerId | Get-ClbTargetHealth).Count | Should -Be 4
        Get-ClbEmulatorCallCount $script:Emu DescribeTargetHealth | Should -Be ($before + 1)
    }

    It 'reports an unknown id once and still answers for the others' {
        $err = $null
        $h = @(Get-ClbTargetHealth -LoadBalancerId $script:LbId, lb-zzzzzzzz -ErrorVariable err -ErrorAction SilentlyContinue)
        $h.Count | Should -Be 4
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter.LBIdNotFound,ClbPowerShell.Cmdlets.Targets.GetClbTargetHealthCommand'
        $err[0].TargetObject | Should -Be 'lb-zzzzzzzz'
    }

    It 'refuses a malformed id before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu DescribeTargetHealth
        { Get-ClbTargetHealth -LoadBalancerId 'nope' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu DescribeTargetHealth | Should -Be $before
    }
}

Describe 'Get-ClbCrossTarget' {
    It 'lists cross-region backends' {
        $err = $null
        $items = @(Get-ClbCrossTarget -First 2 -ErrorVariable err -ErrorAction SilentlyContinue)
        $err.Count | Should -Be 0
        $items.Count | Should -Be 2
        $items | ForEach-Object { $_.Region | Should -Be 'ap-guangzhou'; $_.IP | Should -Not -BeNullOrEmpty }
    }

    It 'refuses bad filters before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu DescribeCrossTargets
        { Get-ClbCrossTarget -Ip '10.0.0.300' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.Ip*'
        { Get-ClbCrossTarget -VpcId 'vpc_bad' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-ClbCrossTarget -ListenerId 'lbl-1' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu DescribeCrossTargets | Should -Be $before
    }
}

Describe 'Find-ClbTargetBinding' {
    It 'finds every binding of an instance, ready to act on' {
        $b = @(Find-ClbTargetBinding -InstanceId ins-pest0001)
        $b.Count | Should -Be 2
        $b[0] | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbTarget])
        $b | ForEach-Object { $_.InstanceId | Should -Be 'ins-pest0001'; $_.LoadBalancerId | Should -Be $script:LbId }
        ($b | Where-Object ListenerId -eq $script:Tcp).Port | Should -Be 9000
        $l7 = $b | Where-Object ListenerId -eq $script:Http
        $l7.LocationId | Should -Be $script:Loc
        $l7.Port | Should -Be 8000
    }

    It 'finds ENI bindings by private IP' {
        $b = @(Find-ClbTargetBinding -PrivateIp 172.16.9.10)
        $b.Count | Should -Be 1
        $b[0].EniIp | Should -Be '172.16.9.10'
        $b[0].InstanceId | Should -BeNullOrEmpty
        $b[0].ListenerId | Should -Be $script:Tcp
        @(Find-ClbTargetBinding -PrivateIp 172.16.9.10 -VpcId vpc-nothere1).Count | Should -Be 0
    }

    It 'gathers piped instances into one lookup' {
        $before = Get-ClbEmulatorCallCount $script:Emu DescribeLoadBalancersDetail
        $b = @([pscustomobject]@{ InstanceId = 'ins-pest0001' }, [pscustomobject]@{ InstanceId = 'ins-pest0002' } | Find-ClbTargetBinding)
        $b.Count | Should -Be 3
        Get-ClbEmulatorCallCount $script:Emu DescribeLoadBalancersDetail | Should -Be ($before + 1)
    }

    It 'warns about an instance bound nowhere' {
        $w = $null
        @(Find-ClbTargetBinding -InstanceId ins-nowhere1 -WarningVariable w -WarningAction SilentlyContinue).Count | Should -Be 0
        "$w" | Should -BeLike '*ins-nowhere1*'
    }

    It 'refuses a call with nothing to look for' {
        $before = Get-ClbEmulatorCallCount $script:Emu DescribeLBListeners
        { Find-ClbTargetBinding -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.InstanceId*'
        { Find-ClbTargetBinding -PrivateIp 'x.y' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.PrivateIp*'
        Get-ClbEmulatorCallCount $script:Emu DescribeLBListeners | Should -Be $before
    }

    Context 'what it finds can be unbound' {
        BeforeAll {
            $script:Lb2 = (New-ClbTestLoadBalancer).LoadBalancerId
            $script:Udp = New-TestListener $script:Lb2 UDP 53
            Register-TestTarget $script:Lb2 $script:Udp @(@{ InstanceId = 'ins-gone0001'; Port = 53 })
        }

        It 'pipes into Unregister-ClbTarget' {
            Find-ClbTargetBinding -InstanceId ins-gone0001 | Unregister-ClbTarget -Force -Confirm:$false
            @(Find-ClbTargetBinding -InstanceId ins-gone0001 -WarningAction SilentlyContinue).Count | Should -Be 0
        }

        It 'carries the properties DeregisterTargets needs' {
            $b = @(Find-ClbTargetBinding -InstanceId ins-gone0001 -WarningAction SilentlyContinue)
            if ($b.Count -eq 0) { Set-ItResult -Skipped -Because 'Unregister-ClbTarget already removed the binding' ; return }
            $b | ForEach-Object {
                Invoke-ClbApi DeregisterTargets @{ LoadBalancerId = $_.LoadBalancerId; ListenerId = $_.ListenerId; Targets = @(@{ InstanceId = $_.InstanceId; Port = $_.Port }) } | Out-Null
            }
            @(Get-ClbTarget $script:Lb2).Count | Should -Be 0
        }
    }
}

Describe 'Function targets' {
    BeforeAll {
        $script:FnArgs = @{ LoadBalancerId = $script:LbId; ListenerId = $script:Http; LocationId = $script:Loc; FunctionName = 'hello' }
    }

    It 'sends nothing with -WhatIf' {
        $before = (Get-ClbEmulatorCallCount $script:Emu RegisterFunctionTargets) + (Get-ClbEmulatorCallCount $script:Emu DeregisterFunctionTargets) +
                  (Get-ClbEmulatorCallCount $script:Emu ModifyFunctionTargets)
        Register-ClbFunctionTarget @script:FnArgs -Weight 10 -WhatIf | Should -BeNullOrEmpty
        Set-ClbFunctionTarget @script:FnArgs -Weight 20 -WhatIf | Should -BeNullOrEmpty
        Unregister-ClbFunctionTarget @script:FnArgs -WhatIf | Should -BeNullOrEmpty
        $after = (Get-ClbEmulatorCallCount $script:Emu RegisterFunctionTargets) + (Get-ClbEmulatorCallCount $script:Emu DeregisterFunctionTargets) +
                 (Get-ClbEmulatorCallCount $script:Emu ModifyFunctionTargets)
        $after | Should -Be $before
    }

    It 'refuses a missing rule, a bad weight and a bad name before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu RegisterFunctionTargets
        { Register-ClbFunctionTarget -LoadBalancerId $script:LbId -ListenerId $script:Http -FunctionName hello -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidParameter.LocationId*'
        { Register-ClbFunctionTarget -LoadBalancerId $script:LbId -ListenerId $script:Http -Domain api.example.com -FunctionName hello -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidParameter.LocationId*'
        { Register-ClbFunctionTarget @script:FnArgs -Weight 101 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Set-ClbFunctionTarget @script:FnArgs -Weight -1 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Register-ClbFunctionTarget -LoadBalancerId $script:LbId -ListenerId $script:Http -LocationId $script:Loc -FunctionName '9bad name' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Register-ClbFunctionTarget @script:FnArgs -FunctionQualifierType TAG -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu RegisterFunctionTargets | Should -Be $before
    }

    It 'binds, reweights and unbinds a function' {
        $task = Register-ClbFunctionTarget @script:FnArgs -Weight 10 -Confirm:$false
        $task | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbTask])
        $task.Action | Should -Be 'RegisterFunctionTargets'
        $task | Wait-ClbTask | Out-Null
        $updated = Set-ClbFunctionTarget @script:FnArgs -Weight 30 -PassThru -Confirm:$false
        $updated.FunctionName | Should -Be 'hello'
        $updated.Weight | Should -Be 30
        $updated.LocationId | Should -Be $script:Loc
        $updated | Unregister-ClbFunctionTarget -Force -Confirm:$false -Wait -PassThru | ForEach-Object { $_.FunctionName | Should -Be 'hello' }
        $bound = Register-ClbFunctionTarget -LoadBalancerId $script:LbId -ListenerId $script:Http -Domain api.example.com -Url /v1 -FunctionName hello2 -Wait -Confirm:$false
        $bound.FunctionName | Should -Be 'hello2'
        $bound.FunctionQualifier | Should -Be '$LATEST'
    }
}
