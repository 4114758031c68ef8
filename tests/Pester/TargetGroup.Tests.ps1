# Target group cmdlets against the emulator process: Get-/New-/Set-/Remove-ClbTargetGroup,
# Get-/Register-/Unregister-/Set-ClbTargetGroupInstance, Add-/Remove-ClbTargetGroupAssociation.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    Connect-ClbTest $script:Emu
    $script:Ns = 'ClbPowerShell.Cmdlets.TargetGroups'

    function New-TestRule {
        # A forwarding rule through Invoke-ClbApi (the rule cmdlets live in another area); waits for its task.
        param([string] $LoadBalancerId, [string] $ListenerId, [string] $Domain)
        $r = Invoke-ClbApi -Action CreateRule -Parameter @{ LoadBalancerId = $LoadBalancerId; ListenerId = $ListenerId; Rules = @(@{ Domain = $Domain; Url = '/' }) }
        Wait-ClbTask -TaskId $r.RequestId | Out-Null
        $r.LocationIds[0]
    }
}
AfterAll { Stop-ClbTestEmulator $script:Emu }

Describe 'New-ClbTargetGroup and Get-ClbTargetGroup' {
    BeforeAll { Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null }

    It 'creates a group with instances from hashtables and emits it with its Region' {
        $tg = New-ClbTargetGroup -Name 'web-a' -Port 8080 -Instance @{ BindIP = '10.0.0.1' }, @{ BindIP = '10.0.0.2'; Port = 81; Weight = 30 } -Confirm:$false
        $tg | Should -BeOfType ([ClbPowerShell.Client.Models.TargetGroupInfo])
        $tg.TargetGroupId | Should -Match '^lbtg-[a-z0-9]{8}$'
        $tg.TargetGroupName | Should -Be 'web-a'
        $tg.Port | Should -Be 8080
        $tg.VpcId | Should -Be 'vpc-default0'
        $tg.Region | Should -Be 'ap-guangzhou'
        $inst = $tg | Get-ClbTargetGroupInstance
        $inst | Should -HaveCount 2
        ($inst | Where-Object BindIP -eq '10.0.0.2').Weight | Should -Be 30
        ($inst | Where-Object BindIP -eq '10.0.0.1').Port | Should -Be 8080
    }

    It 'registers more than 20 initial instances' {
        $many = 1..25 | ForEach-Object { @{ BindIP = "10.1.0.$_"; Port = 80 } }
        $tg = New-ClbTargetGroup -Name 'web-big' -Instance $many -Confirm:$false
        (Get-ClbTargetGroupInstance -TargetGroupId $tg.TargetGroupId) | Should -HaveCount 25
    }

    It 'lists by wildcard name, exact name, VPC and ids, with paging' {
        New-ClbTargetGroup -Name 'api-1' -VpcId 'vpc-other001' -Confirm:$false | Out-Null
        (Get-ClbTargetGroup -Name 'WEB*').TargetGroupName | Sort-Object | Should -Be @('web-a', 'web-big')
        (Get-ClbTargetGroup -Name 'api-1').VpcId | Should -Be 'vpc-other001'
        (Get-ClbTargetGroup -VpcId 'vpc-other001').TargetGroupName | Should -Be 'api-1'
        $all = Get-ClbTargetGroup
        $all | Should -HaveCount 3
        (Get-ClbTargetGroup -TargetGroupId $all[1].TargetGroupId).TargetGroupName | Should -Be $all[1].TargetGroupName
        (Get-ClbTargetGroup -Skip 1 -First 1).TargetGroupId | Should -Be $all[1].TargetGroupId
        $withTotal = Get-ClbTargetGroup -First 1 -IncludeTotalCount
        $withTotal | Should -HaveCount 2
        $withTotal[0] | Should -BeOfType ([ClbPowerShell.Client.Models.TargetGroupInfo])
        $withTotal[1].ToString() | Should -Match '\b3\b' # the service's total, emitted after the items
    }

    It 'refuses <Case> before sending' -ForEach @(
        @{ Case = 'an instance without BindIP'; Params = @{ Name = 'x'; Port = 80; Instance = @{ Port = 80 } } }
        @{ Case = 'an instance without a port and no default'; Params = @{ Name = 'x'; Instance = @{ BindIP = '10.0.0.9' } } }
        @{ Case = 'an unknown instance key'; Params = @{ Name = 'x'; Port = 80; Instance = @{ BindIP = '10.0.0.9'; Wieght = 5 } } }
        @{ Case = 'a weight over 100'; Params = @{ Name = 'x'; Port = 80; Instance = @{ BindIP = '10.0.0.9'; Weight = 101 } } }
    ) {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateTargetGroup'
        { New-ClbTargetGroup @Params -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.Instance*'
        Get-ClbEmulatorCallCount $script:Emu 'CreateTargetGroup' | Should -Be $before
    }

    It 'refuses a malformed id, a long name and a bad port by validation' {
        { Get-ClbTargetGroup -TargetGroupId 'tg-1' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { New-ClbTargetGroup -Name ('n' * 51) -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { New-ClbTargetGroup -Name 'p' -Port 0 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'sends nothing with -WhatIf' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateTargetGroup'
        New-ClbTargetGroup -Name 'whatif' -WhatIf | Should -BeNullOrEmpty
        Get-ClbEmulatorCallCount $script:Emu 'CreateTargetGroup' | Should -Be $before
    }
}

Describe 'Set-ClbTargetGroup and Remove-ClbTargetGroup' {
    BeforeAll { Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null }

    It 'renames and changes the port of piped groups, emitting them with -PassThru' {
        New-ClbTargetGroup -Name 'set-1' -Confirm:$false | Out-Null
        New-ClbTargetGroup -Name 'set-2' -Confirm:$false | Out-Null
        $changed = Get-ClbTargetGroup -Name 'set-*' | Set-ClbTargetGroup -Port 9000 -PassThru -Confirm:$false
        $changed | Should -HaveCount 2
        $changed.Port | Should -Be @(9000, 9000)
        $one = Get-ClbTargetGroup -Name 'set-1' | Set-ClbTargetGroup -Name 'renamed' -PassThru -Confirm:$false
        $one.TargetGroupName | Should -Be 'renamed'
        Set-ClbTargetGroup -TargetGroupId $one.TargetGroupId -Port 1 -Confirm:$false | Should -BeNullOrEmpty
    }

    It 'refuses a call with nothing to change and sends nothing with -WhatIf' {
        $tg = Get-ClbTargetGroup -Name 'renamed'
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyTargetGroupAttribute'
        { Set-ClbTargetGroup -TargetGroupId $tg.TargetGroupId -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.Name*'
        $tg | Set-ClbTargetGroup -Name 'nope' -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'ModifyTargetGroupAttribute' | Should -Be $before
        (Get-ClbTargetGroup -TargetGroupId $tg.TargetGroupId).TargetGroupName | Should -Be 'renamed'
    }

    It 'reports an unknown group as an error with the service code' {
        Set-ClbTargetGroup -TargetGroupId 'lbtg-zzzzzzzz' -Port 80 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter,$script:Ns.SetClbTargetGroupCommand"
    }

    It 'gathers piped groups into one delete call and emits the ids with -PassThru' {
        1..3 | ForEach-Object { New-ClbTargetGroup -Name "gone-$_" -Confirm:$false } | Out-Null
        $before = Get-ClbEmulatorCallCount $script:Emu 'DeleteTargetGroups'
        $ids = (Get-ClbTargetGroup -Name 'gone-*').TargetGroupId
        $deleted = Get-ClbTargetGroup -Name 'gone-*' | Remove-ClbTargetGroup -Force -PassThru
        $deleted | Should -Be $ids
        Get-ClbEmulatorCallCount $script:Emu 'DeleteTargetGroups' | Should -Be ($before + 1)
        Get-ClbTargetGroup -Name 'gone-*' | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        $tg = New-ClbTargetGroup -Name 'keep' -Confirm:$false
        $before = Get-ClbEmulatorCallCount $script:Emu 'DeleteTargetGroups'
        $tg | Remove-ClbTargetGroup -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'DeleteTargetGroups' | Should -Be $before
        Get-ClbTargetGroup -TargetGroupId $tg.TargetGroupId | Should -Not -BeNullOrEmpty
    }

    It 'deletes the others and reports the one that is still associated' {
        $lb = New-ClbTestLoadBalancer -Name 'tg-remove'
        $l = New-ClbListener -LoadBalancerId $lb.LoadBalancerId -Protocol TCP -Port 80 -Wait -Confirm:$false
        $bound = New-ClbTargetGroup -Name 'bound' -Confirm:$false
        $free = New-ClbTargetGroup -Name 'free' -Confirm:$false
        $l | Add-ClbTargetGroupAssociation -TargetGroupId $bound.TargetGroupId -Wait -Confirm:$false | Out-Null
        $bound, $free | Remove-ClbTargetGroup -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "FailedOperation,$script:Ns.RemoveClbTargetGroupCommand"
        $err[0].TargetObject | Should -Be $bound.TargetGroupId
        Get-ClbTargetGroup -TargetGroupId $free.TargetGroupId | Should -BeNullOrEmpty
        Get-ClbTargetGroup -TargetGroupId $bound.TargetGroupId | Should -Not -BeNullOrEmpty
    }
}

Describe 'Target group instances' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Web1 = New-ClbTargetGroup -Name 'web-1' -Port 80 -Confirm:$false
        $script:Web2 = New-ClbTargetGroup -Name 'web-2' -Port 80 -Confirm:$false
        $script:Other = New-ClbTargetGroup -Name 'other' -Port 80 -Confirm:$false
    }

    It 'registers addresses and emits a task, or the instances with -Wait' {
        $task = Register-ClbTargetGroupInstance -TargetGroupId $script:Web1.TargetGroupId -BindIP 10.2.0.1, 10.2.0.2 -Port 80 -Confirm:$false
        $task | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbTask])
        $task.Action | Should -Be 'RegisterTargetGroupInstances'
        $task.ResourceId | Should -Be $script:Web1.TargetGroupId
        $inst = Register-ClbTargetGroupInstance -TargetGroupId $script:Web2.TargetGroupId -BindIP 10.2.0.3 -Weight 40 -Wait -Confirm:$false
        $inst | Should -BeOfType ([ClbPowerShell.Client.Models.TargetGroupBackend])
        $inst.BindIP | Should -Be '10.2.0.3'
        $inst.Port | Should -Be 80
        $inst.Weight | Should -Be 40
        $inst.TargetGroupId | Should -Be $script:Web2.TargetGroupId
        $inst.Region | Should -Be 'ap-guangzhou'
    }

    It 'gathers 25 piped addresses into two calls for one group' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'RegisterTargetGroupInstances'
        1..25 | ForEach-Object { [pscustomobject]@{ TargetGroupId = $script:Other.TargetGroupId; BindIP = "10.3.0.$_"; Port = 8080 } } |
            Register-ClbTargetGroupInstance -Wait -Confirm:$false | Should -HaveCount 25
        Get-ClbEmulatorCallCount $script:Emu 'RegisterTargetGroupInstances' | Should -Be ($before + 2)
    }

    It 'filters instances by address and instance id' {
        $byIp = Get-ClbTargetGroupInstance -BindIP 10.2.0.1
        $byIp.TargetGroupId | Should -Be $script:Web1.TargetGroupId
        (Get-ClbTargetGroupInstance -InstanceId $byIp.InstanceId).BindIP | Should -Be '10.2.0.1'
        (Get-ClbTargetGroupInstance -TargetGroupId $script:Other.TargetGroupId -First 5) | Should -HaveCount 5
    }

    It 'refuses a listing without any filter before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DescribeTargetGroupInstances'
        { Get-ClbTargetGroupInstance } | Should -Throw -ErrorId 'InvalidParameter.TargetGroupId*'
        Get-ClbEmulatorCallCount $script:Emu 'DescribeTargetGroupInstances' | Should -Be $before
    }

    It 'chains Get-ClbTargetGroup -Name web* | Get-ClbTargetGroupInstance | Set-ClbTargetGroupInstance -Weight 0' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyTargetGroupInstancesWeight'
        $tasks = Get-ClbTargetGroup -Name web* | Get-ClbTargetGroupInstance | Set-ClbTargetGroupInstance -Weight 0 -Confirm:$false
        $tasks | Should -HaveCount 2 # one call per target group
        Get-ClbEmulatorCallCount $script:Emu 'ModifyTargetGroupInstancesWeight' | Should -Be ($before + 2)
        (Get-ClbTargetGroup -Name web* | Get-ClbTargetGroupInstance).Weight | Should -Be @(0, 0, 0)
        (Get-ClbTargetGroupInstance -TargetGroupId $script:Other.TargetGroupId -First 1).Weight | Should -Be 10
    }

    It 'moves piped instances to a new port with -NewPort -Wait' {
        $moved = Get-ClbTargetGroupInstance -TargetGroupId $script:Web1.TargetGroupId | Set-ClbTargetGroupInstance -NewPort 8081 -Wait -Confirm:$false
        $moved | Should -HaveCount 2
        $moved.Port | Should -Be @(8081, 8081)
    }

    It 'sends nothing with -WhatIf' {
        $counts = { 'ModifyTargetGroupInstancesWeight', 'RegisterTargetGroupInstances', 'DeregisterTargetGroupInstances' | ForEach-Object { Get-ClbEmulatorCallCount $script:Emu $_ } }
        $before = & $counts
        Get-ClbTargetGroup -Name web* | Get-ClbTargetGroupInstance | Set-ClbTargetGroupInstance -Weight 50 -WhatIf
        Get-ClbTargetGroupInstance -TargetGroupId $script:Other.TargetGroupId | Unregister-ClbTargetGroupInstance -WhatIf
        Register-ClbTargetGroupInstance -TargetGroupId $script:Web1.TargetGroupId -BindIP 10.9.9.9 -Port 1 -WhatIf
        & $counts | Should -Be $before
    }

    It 'reports an instance that is not registered with the service code' {
        Set-ClbTargetGroupInstance -TargetGroupId $script:Web1.TargetGroupId -BindIP 10.9.9.9 -Port 80 -Weight 5 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameterValue,$script:Ns.SetClbTargetGroupInstanceCommand"
        $err[0].TargetObject | Should -Be $script:Web1.TargetGroupId
    }

    It 'refuses a weight out of range and a malformed address by validation' {
        { Set-ClbTargetGroupInstance -TargetGroupId $script:Web1.TargetGroupId -BindIP 10.2.0.1 -Port 80 -Weight 101 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Register-ClbTargetGroupInstance -TargetGroupId $script:Web1.TargetGroupId -BindIP 'host.example' -Port 80 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'unregisters piped instances of several groups, one call per group' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DeregisterTargetGroupInstances'
        $tasks = Get-ClbTargetGroupInstance -TargetGroupId $script:Web1.TargetGroupId, $script:Web2.TargetGroupId | Unregister-ClbTargetGroupInstance -Force
        $tasks | Should -HaveCount 2
        Get-ClbEmulatorCallCount $script:Emu 'DeregisterTargetGroupInstances' | Should -Be ($before + 2)
        Get-ClbTargetGroupInstance -TargetGroupId $script:Web1.TargetGroupId, $script:Web2.TargetGroupId | Should -BeNullOrEmpty
    }
}

Describe 'Add-ClbTargetGroupAssociation and Remove-ClbTargetGroupAssociation' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'tg-assoc'
        $script:Tcp = New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol TCP -Port 80 -Wait -Confirm:$false
        $script:Http = New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol HTTP -Port 8080 -Wait -Confirm:$false
        $script:Loc = New-TestRule -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Domain 'a.example.com'
        $script:Tg = New-ClbTargetGroup -Name 'assoc' -Port 80 -Instance @{ BindIP = '10.5.0.1' } -Confirm:$false
    }

    It 'associates a piped listener and emits the association with -Wait' {
        $a = $script:Tcp | Add-ClbTargetGroupAssociation -TargetGroupId $script:Tg.TargetGroupId -Wait -Confirm:$false
        $a | Should -BeOfType ([ClbPowerShell.Client.Models.AssociationItem])
        $a.ListenerId | Should -Be $script:Tcp.ListenerId
        $a.Protocol | Should -Be 'TCP'
        $a.TargetGroupId | Should -Be $script:Tg.TargetGroupId
        (Get-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Tcp.ListenerId).TargetGroup.TargetGroupId | Should -Be $script:Tg.TargetGroupId
    }

    It 'associates a rule by -LocationId and returns a task without -Wait' {
        $task = Add-ClbTargetGroupAssociation -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -LocationId $script:Loc -TargetGroupId $script:Tg.TargetGroupId -Confirm:$false
        $task.Action | Should -Be 'AssociateTargetGroups'
        $task.LoadBalancerId | Should -Be $script:Lb.LoadBalancerId
        $task | Wait-ClbTask | Out-Null
        (Get-ClbTargetGroup -TargetGroupId $script:Tg.TargetGroupId).AssociatedRule | Should -HaveCount 2
    }

    It 'reports an HTTP listener without a rule with MissingParameter' {
        $tg2 = New-ClbTargetGroup -Name 'assoc-2' -Confirm:$false
        $script:Http | Add-ClbTargetGroupAssociation -TargetGroupId $tg2.TargetGroupId -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be "MissingParameter,$script:Ns.AddClbTargetGroupAssociationCommand"
    }

    It 'reports a listener with directly bound servers as FailedOperation' {
        $udp = New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol UDP -Port 53 -Wait -Confirm:$false
        $r = Invoke-ClbApi -Action RegisterTargets -Parameter @{ LoadBalancerId = $script:Lb.LoadBalancerId; ListenerId = $udp.ListenerId; Targets = @(@{ InstanceId = 'ins-aaaa0001'; Port = 53 }) }
        Wait-ClbTask -TaskId $r.RequestId | Out-Null
        $udp | Add-ClbTargetGroupAssociation -TargetGroupId (New-ClbTargetGroup -Name 'assoc-3' -Confirm:$false).TargetGroupId -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "FailedOperation,$script:Ns.AddClbTargetGroupAssociationCommand"
    }

    It 'starts instance changes of an associated group on its load balancer' {
        $task = $script:Tg | Register-ClbTargetGroupInstance -BindIP 10.5.0.2 -Confirm:$false
        $state = Invoke-ClbEmulatorControl $script:Emu 'state'
        $state.Tasks.($task.TaskId).LoadBalancerIds | Should -Be @($script:Lb.LoadBalancerId)
        $task | Wait-ClbTask | Out-Null
    }

    It 'sends nothing with -WhatIf' {
        $before = (Get-ClbEmulatorCallCount $script:Emu 'AssociateTargetGroups') + (Get-ClbEmulatorCallCount $script:Emu 'DisassociateTargetGroups')
        (Get-ClbTargetGroup -TargetGroupId $script:Tg.TargetGroupId).AssociatedRule | Remove-ClbTargetGroupAssociation -WhatIf
        $script:Tcp | Add-ClbTargetGroupAssociation -TargetGroupId $script:Tg.TargetGroupId -WhatIf
        (Get-ClbEmulatorCallCount $script:Emu 'AssociateTargetGroups') + (Get-ClbEmulatorCallCount $script:Emu 'DisassociateTargetGroups') | Should -Be $before
    }

    It 'removes the piped associations of a group in one call' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DisassociateTargetGroups'
        (Get-ClbTargetGroup -TargetGroupId $script:Tg.TargetGroupId).AssociatedRule | Remove-ClbTargetGroupAssociation -Force -Wait | Should -BeNullOrEmpty
        Get-ClbEmulatorCallCount $script:Emu 'DisassociateTargetGroups' | Should -Be ($before + 1)
        (Get-ClbTargetGroup -TargetGroupId $script:Tg.TargetGroupId).AssociatedRule | Should -BeNullOrEmpty
        $script:Tg | Remove-ClbTargetGroup -Force
        Get-ClbTargetGroup -TargetGroupId $script:Tg.TargetGroupId | Should -BeNullOrEmpty
    }
}
