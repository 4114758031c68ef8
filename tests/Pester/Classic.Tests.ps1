# Classic CLB cmdlets against the emulator process: New-ClbLoadBalancer -Classic, Get-ClbClassicListener, Get-ClbClassicTarget,
# Get-ClbClassicTargetHealth, Find-ClbClassicLoadBalancer, Register-/Unregister-ClbClassicTarget, Convert-ClbClassicLoadBalancer.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    Connect-ClbTest $script:Emu
    $script:Ns = 'ClbPowerShell.Cmdlets.Classic'
    function New-ClassicLb([string] $Name) { New-ClbLoadBalancer -Name $Name -Classic -Wait -Confirm:$false }
}
AfterAll { Stop-ClbTestEmulator $script:Emu }

Describe 'New-ClbLoadBalancer -Classic' {
    BeforeAll { Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null }

    It 'creates a classic instance (Forward 0), and the current kind without the switch' {
        $classic = New-ClassicLb 'classic-new'
        $classic.Forward | Should -Be 0
        (New-ClbTestLoadBalancer -Name 'current-new').Forward | Should -Be 1
    }

    It '-WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateLoadBalancer'
        New-ClbLoadBalancer -Name 'nope' -Classic -WhatIf | Should -BeNullOrEmpty
        Get-ClbEmulatorCallCount $script:Emu 'CreateLoadBalancer' | Should -Be $before
    }
}

Describe 'Reading classic load balancers' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClassicLb 'classic-read'
        $script:Other = New-ClassicLb 'classic-other'
        $script:Current = New-ClbTestLoadBalancer -Name 'current-read'
        $script:Tcp = New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol TCP -Port 80 -Wait -Confirm:$false
        $script:Udp = New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol UDP -Port 53 -Wait -Confirm:$false
        Register-ClbClassicTarget -LoadBalancerId $script:Lb.LoadBalancerId -InstanceId ins-0000000a, ins-0000000b -Weight 30 -Wait -Confirm:$false | Out-Null
        Register-ClbClassicTarget -LoadBalancerId $script:Other.LoadBalancerId -InstanceId ins-0000000b -Wait -Confirm:$false | Out-Null
    }

    It 'Get-ClbClassicListener lists the listeners of a piped load balancer with Region and LoadBalancerId' {
        $listeners = $script:Lb | Get-ClbClassicListener
        $listeners | Should -HaveCount 2
        $listeners | ForEach-Object { $_ | Should -BeOfType ([ClbPowerShell.Client.Models.ClassicalListener]) }
        $listeners.LoadBalancerId | Sort-Object -Unique | Should -Be $script:Lb.LoadBalancerId
        $listeners[0].Region | Should -Be 'ap-guangzhou'
        ($listeners.ListenerPort | Sort-Object) | Should -Be @(53, 80)
    }

    It 'Get-ClbClassicListener passes the filters to the service' {
        (Get-ClbClassicListener $script:Lb.LoadBalancerId -Protocol UDP).ListenerId | Should -Be $script:Udp.ListenerId
        (Get-ClbClassicListener $script:Lb.LoadBalancerId -ListenerPort 80).ListenerId | Should -Be $script:Tcp.ListenerId
        (Get-ClbClassicListener $script:Lb.LoadBalancerId -ListenerId $script:Tcp.ListenerId).ListenerPort | Should -Be 80
    }

    It 'Get-ClbClassicListener refuses a malformed id or protocol before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DescribeClassicalLBListeners'
        { Get-ClbClassicListener -LoadBalancerId 'lb-BAD' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-ClbClassicListener $script:Lb.LoadBalancerId -Protocol QUIC -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-ClbClassicListener $script:Lb.LoadBalancerId -ListenerPort 0 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu 'DescribeClassicalLBListeners' | Should -Be $before
    }

    It 'reports a load balancer of the current kind and an unknown one as one error each, and lists the rest' {
        $out = Get-ClbClassicListener -LoadBalancerId $script:Current.LoadBalancerId, 'lb-zzzzzzzz', $script:Lb.LoadBalancerId -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -HaveCount 2
        $err | Should -HaveCount 2
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter,$script:Ns.GetClbClassicListenerCommand"
        $err[0].TargetObject | Should -Be $script:Current.LoadBalancerId
        $err[1].FullyQualifiedErrorId | Should -Be "InvalidParameter.LBIdNotFound,$script:Ns.GetClbClassicListenerCommand"
    }

    It 'Get-ClbClassicTarget lists the real servers with weights and context' {
        $targets = Get-ClbClassicTarget $script:Lb.LoadBalancerId
        $targets | Should -HaveCount 2
        $targets | ForEach-Object { $_ | Should -BeOfType ([ClbPowerShell.Client.Models.ClassicalTarget]) }
        ($targets.InstanceId | Sort-Object) | Should -Be @('ins-0000000a', 'ins-0000000b')
        $targets.Weight | Sort-Object -Unique | Should -Be 30
        $targets[0].LoadBalancerId | Should -Be $script:Lb.LoadBalancerId
        $targets[0].Region | Should -Be 'ap-guangzhou'
        $targets[0].PrivateIpAddresses | Should -Not -BeNullOrEmpty
        { Get-ClbClassicTarget -LoadBalancerId 'nope' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbClassicTarget 'lb-zzzzzzzz' -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.LBIdNotFound,$script:Ns.GetClbClassicTargetCommand"
    }

    It 'Get-ClbClassicTargetHealth reports a row per server and listener, or per piped listener with its id' {
        $all = Get-ClbClassicTargetHealth $script:Lb.LoadBalancerId
        $all | Should -HaveCount 4
        $all | ForEach-Object { $_ | Should -BeOfType ([ClbPowerShell.Client.Models.ClassicalHealth]) }
        $all.HealthStatus | Sort-Object -Unique | Should -Be 1
        $perListener = Get-ClbClassicListener $script:Lb.LoadBalancerId | Get-ClbClassicTargetHealth
        $perListener | Should -HaveCount 4
        ($perListener | Where-Object ListenerId -eq $script:Tcp.ListenerId).ListenerPort | Sort-Object -Unique | Should -Be 80
        $perListener.LoadBalancerId | Sort-Object -Unique | Should -Be $script:Lb.LoadBalancerId
        Get-ClbClassicTargetHealth $script:Lb.LoadBalancerId -Unhealthy | Should -BeNullOrEmpty
    }

    It 'Get-ClbClassicTargetHealth reports an unknown listener with the service code' {
        Get-ClbClassicTargetHealth $script:Lb.LoadBalancerId -ListenerId 'lbl-zzzzzzzz' -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike "InvalidParameter*,$script:Ns.GetClbClassicTargetHealthCommand"
        $err[0].TargetObject | Should -Be 'lbl-zzzzzzzz'
    }

    It 'Find-ClbClassicLoadBalancer gathers piped instances into one call and answers each' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DescribeClassicalLBByInstanceId'
        $found = 'ins-0000000a', 'ins-0000000b', 'ins-0000000c' | Find-ClbClassicLoadBalancer
        Get-ClbEmulatorCallCount $script:Emu 'DescribeClassicalLBByInstanceId' | Should -Be ($before + 1)
        $found | Should -HaveCount 3
        $found | ForEach-Object { $_ | Should -BeOfType ([ClbPowerShell.Client.Models.ClassicalLoadBalancerInfo]) }
        $found[0].LoadBalancerIds | Should -Be @($script:Lb.LoadBalancerId)
        ($found[1].LoadBalancerIds | Sort-Object) | Should -Be (@($script:Lb.LoadBalancerId, $script:Other.LoadBalancerId) | Sort-Object)
        @($found[2].LoadBalancerIds).Count | Should -Be 0
        $found[0].Region | Should -Be 'ap-guangzhou'
    }

    It 'Find-ClbClassicLoadBalancer takes piped real servers and refuses a malformed id before sending' {
        $found = Get-ClbClassicTarget $script:Other.LoadBalancerId | Find-ClbClassicLoadBalancer
        $found.InstanceId | Should -Be 'ins-0000000b'
        $before = Get-ClbEmulatorCallCount $script:Emu 'DescribeClassicalLBByInstanceId'
        { Find-ClbClassicLoadBalancer -InstanceId 'i-123' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu 'DescribeClassicalLBByInstanceId' | Should -Be $before
    }
}

Describe 'Register-ClbClassicTarget and Unregister-ClbClassicTarget' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:A = New-ClassicLb 'classic-a'
        $script:B = New-ClassicLb 'classic-b'
    }

    It 'emits a task per request without -Wait, and the bound servers with -Wait' {
        $task = Register-ClbClassicTarget -LoadBalancerId $script:A.LoadBalancerId -InstanceId ins-00000001 -Confirm:$false
        $task | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbTask])
        $task.Action | Should -Be 'RegisterTargetsWithClassicalLB'
        $task.LoadBalancerId | Should -Be $script:A.LoadBalancerId
        $task | Wait-ClbTask | Out-Null
        $ids = 2..25 | ForEach-Object { 'ins-{0:x8}' -f $_ }
        $before = Get-ClbEmulatorCallCount $script:Emu 'RegisterTargetsWithClassicalLB'
        $bound = Register-ClbClassicTarget -LoadBalancerId $script:A.LoadBalancerId -InstanceId $ids -Weight 40 -Wait -Confirm:$false
        Get-ClbEmulatorCallCount $script:Emu 'RegisterTargetsWithClassicalLB' | Should -Be ($before + 2)   # 20 + 4
        $bound | Should -HaveCount 24
        $bound | ForEach-Object { $_ | Should -BeOfType ([ClbPowerShell.Client.Models.ClassicalTarget]) }
        $bound.Weight | Sort-Object -Unique | Should -Be 40
        (Get-ClbClassicTarget $script:A.LoadBalancerId) | Should -HaveCount 25
    }

    It 'copies piped real servers with their weights to another load balancer in one request' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'RegisterTargetsWithClassicalLB'
        $copied = Get-ClbClassicTarget $script:A.LoadBalancerId | Select-Object -First 3 |
            Register-ClbClassicTarget -LoadBalancerId $script:B.LoadBalancerId -Wait -Confirm:$false
        Get-ClbEmulatorCallCount $script:Emu 'RegisterTargetsWithClassicalLB' | Should -Be ($before + 1)
        $copied | Should -HaveCount 3
        $copied.LoadBalancerId | Sort-Object -Unique | Should -Be $script:B.LoadBalancerId
        ($copied | Where-Object InstanceId -eq 'ins-00000001').Weight | Should -Be 10
        ($copied | Where-Object InstanceId -ne 'ins-00000001').Weight | Sort-Object -Unique | Should -Be 40
    }

    It 'refuses a weight out of range and sends nothing with -WhatIf' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'RegisterTargetsWithClassicalLB'
        { Register-ClbClassicTarget $script:B.LoadBalancerId ins-000000ff -Weight 101 -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.Weight*'
        { Register-ClbClassicTarget $script:B.LoadBalancerId 'bad-id' -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Register-ClbClassicTarget $script:B.LoadBalancerId ins-000000ff -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'RegisterTargetsWithClassicalLB' | Should -Be $before
    }

    It 'reports an instance that is already bound with the service code' {
        Register-ClbClassicTarget $script:B.LoadBalancerId ins-00000001 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameterValue.Duplicate,$script:Ns.RegisterClbClassicTargetCommand"
        $err[0].TargetObject | Should -Be $script:B.LoadBalancerId
    }

    It 'Unregister sends nothing with -WhatIf, then removes piped servers per load balancer with -Force' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DeregisterTargetsFromClassicalLB'
        Get-ClbClassicTarget $script:B.LoadBalancerId | Unregister-ClbClassicTarget -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'DeregisterTargetsFromClassicalLB' | Should -Be $before
        Get-ClbClassicTarget $script:B.LoadBalancerId | Should -HaveCount 3

        $tasks = Get-ClbClassicTarget $script:A.LoadBalancerId, $script:B.LoadBalancerId | Where-Object Weight -eq 40 | Unregister-ClbClassicTarget -Force
        Get-ClbEmulatorCallCount $script:Emu 'DeregisterTargetsFromClassicalLB' | Should -Be ($before + 3)   # A: 20 + 4, B: 2
        $tasks | Should -HaveCount 3
        $tasks.Action | Sort-Object -Unique | Should -Be 'DeregisterTargetsFromClassicalLB'
        $tasks | Wait-ClbTask | Out-Null
        (Get-ClbClassicTarget $script:A.LoadBalancerId).InstanceId | Should -Be 'ins-00000001'
        (Get-ClbClassicTarget $script:B.LoadBalancerId).InstanceId | Should -Be 'ins-00000001'
    }

    It 'Unregister -Wait emits nothing and reports an instance that is not bound' {
        Unregister-ClbClassicTarget $script:B.LoadBalancerId ins-00000001 -Force -Wait | Should -BeNullOrEmpty
        Get-ClbClassicTarget $script:B.LoadBalancerId | Should -BeNullOrEmpty
        Unregister-ClbClassicTarget $script:B.LoadBalancerId ins-00000001 -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter,$script:Ns.UnregisterClbClassicTargetCommand"
    }
}

Describe 'Convert-ClbClassicLoadBalancer' {
    BeforeAll { Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null }

    It 'sends nothing with -WhatIf' {
        $lb = New-ClassicLb 'keep-classic'
        $before = Get-ClbEmulatorCallCount $script:Emu 'MigrateClassicalLoadBalancers'
        $lb | Convert-ClbClassicLoadBalancer -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'MigrateClassicalLoadBalancers' | Should -Be $before
        (Get-ClbLoadBalancer $lb.LoadBalancerId).Forward | Should -Be 0
    }

    It 'gathers piped load balancers into one request and emits its task' {
        $lbs = 1..3 | ForEach-Object { New-ClassicLb "mig-$_" }
        $before = Get-ClbEmulatorCallCount $script:Emu 'MigrateClassicalLoadBalancers'
        $task = $lbs | Convert-ClbClassicLoadBalancer -Force
        Get-ClbEmulatorCallCount $script:Emu 'MigrateClassicalLoadBalancers' | Should -Be ($before + 1)
        $task | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbTask])
        $task.LoadBalancerIds | Should -Be $lbs.LoadBalancerId
        ($task | Wait-ClbTask).Status | Should -Be 'Succeeded'
        (Get-ClbLoadBalancer $lbs.LoadBalancerId).Forward | Sort-Object -Unique | Should -Be 1
    }

    It '-Wait follows DescribeLoadBalancers and emits the migrated load balancer; its servers now serve the TCP listener' {
        $lb = New-ClassicLb 'mig-wait'
        New-ClbListener -LoadBalancerId $lb.LoadBalancerId -Protocol TCP -Port 8080 -Wait -Confirm:$false | Out-Null
        Register-ClbClassicTarget $lb.LoadBalancerId ins-00000abc -Weight 25 -Wait -Confirm:$false | Out-Null
        $migrated = Convert-ClbClassicLoadBalancer -LoadBalancerId $lb.LoadBalancerId -Force -Wait
        $migrated | Should -BeOfType ([ClbPowerShell.Client.Models.LoadBalancer])
        $migrated.LoadBalancerId | Should -Be $lb.LoadBalancerId
        $migrated.Forward | Should -Be 1
        $migrated.Region | Should -Be 'ap-guangzhou'
        $target = Get-ClbTarget -LoadBalancerId $lb.LoadBalancerId
        $target.InstanceId | Should -Be 'ins-00000abc'
        $target.Port | Should -Be 8080
        $target.Weight | Should -Be 25
    }

    It 'reports a load balancer that is not classic with the service code' {
        $current = New-ClbTestLoadBalancer -Name 'already-current'
        Convert-ClbClassicLoadBalancer $current.LoadBalancerId -Force -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter,$script:Ns.ConvertClbClassicLoadBalancerCommand"
        $err[0].TargetObject | Should -Be $current.LoadBalancerId
    }

    It 'refuses an ExclusiveCluster with an unknown field before sending, and passes a valid one' {
        $lb = New-ClassicLb 'mig-cluster'
        $before = Get-ClbEmulatorCallCount $script:Emu 'MigrateClassicalLoadBalancers'
        { Convert-ClbClassicLoadBalancer $lb.LoadBalancerId -ExclusiveCluster @{ Nonsense = 1 } -Force -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.ExclusiveCluster*'
        Get-ClbEmulatorCallCount $script:Emu 'MigrateClassicalLoadBalancers' | Should -Be $before
        $done = Convert-ClbClassicLoadBalancer $lb.LoadBalancerId -ExclusiveCluster @{ L4Clusters = @(@{ ClusterId = 'tgw-12345678' }) } -Force -Wait
        $done.Forward | Should -Be 1
    }
}
