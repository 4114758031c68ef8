# Customized configuration and client IP blocklist cmdlets against the emulator process:
# Get-/New-/Set-/Remove-ClbCustomizedConfig, Get-ClbCustomizedConfigAssociation, Add-/Remove-ClbCustomizedConfigBinding,
# Get-/Set-ClbBlockedIp.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    Connect-ClbTest $script:Emu
    $script:ConfigType = 'ClbPowerShell.Client.Models.ConfigListItem'
    $script:BindType = 'ClbPowerShell.Client.Models.BindDetailItem'
    $script:BlockedType = 'ClbPowerShell.Client.Models.BlockedIP'
    $script:TaskType = 'ClbPowerShell.Client.Operations.ClbTask'
    $script:SetAction = 'SetCustomizedConfigForLoadBalancer'
}
AfterAll { Stop-ClbTestEmulator $script:Emu }

Describe 'Customized configurations' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
    }

    It 'New-ClbCustomizedConfig creates a configuration and emits it with Region and ConfigId' {
        $c = New-ClbCustomizedConfig -ConfigName 'big-uploads' -ConfigContent 'client_max_body_size 64m;'
        $c | Should -BeOfType ([type]$script:ConfigType)
        $c.ConfigId | Should -Match '^pz-[a-z0-9]{8}$'
        $c.UconfigId | Should -Be $c.ConfigId
        $c.ConfigName | Should -Be 'big-uploads'
        $c.ConfigContent | Should -Be 'client_max_body_size 64m;'
        $c.ConfigType | Should -Be 'CLB'
        $c.Region | Should -Be 'ap-guangzhou'
    }

    It 'New-ClbCustomizedConfig -WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu $script:SetAction
        New-ClbCustomizedConfig 'nope' 'x;' -WhatIf | Should -BeNullOrEmpty
        Get-ClbEmulatorCallCount $script:Emu $script:SetAction | Should -Be $before
    }

    It 'Get-ClbCustomizedConfig lists, filters by name and id, and pages' {
        $ids = 1..4 | ForEach-Object { (New-ClbCustomizedConfig "page-$_" "gzip on;").ConfigId }
        $all = @(Get-ClbCustomizedConfig)
        $all.Count | Should -BeGreaterOrEqual 5
        $all | ForEach-Object { $_ | Should -BeOfType ([type]$script:ConfigType) }
        @(Get-ClbCustomizedConfig -Name 'PAGE-').ConfigId | Should -Be $ids
        (Get-ClbCustomizedConfig -ConfigId $ids[2]).ConfigName | Should -Be 'page-3'
        @(Get-ClbCustomizedConfig -Name 'page-' -Skip 1 -First 2).ConfigId | Should -Be $ids[1..2]
        @(Get-ClbCustomizedConfig -ConfigType SERVER) | Should -HaveCount 0
        $total = Get-ClbCustomizedConfig -Name 'page-' -IncludeTotalCount | Where-Object { $_ -isnot [ClbPowerShell.Client.Models.ConfigListItem] }
        [int]$total | Should -Be 4
    }

    It 'Get-ClbCustomizedConfig refuses a bad id and type before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DescribeCustomizedConfigList'
        { Get-ClbCustomizedConfig -ConfigId 'config-1' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-ClbCustomizedConfig -ConfigType NGINX -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu 'DescribeCustomizedConfigList' | Should -Be $before
    }

    It 'Set-ClbCustomizedConfig renames and rewrites from the pipeline; -PassThru emits the result' {
        $c = New-ClbCustomizedConfig 'to-change' 'a;'
        $r = $c | Set-ClbCustomizedConfig -ConfigName 'changed' -PassThru
        $r.ConfigName | Should -Be 'changed'
        $r.ConfigContent | Should -Be 'a;'
        Set-ClbCustomizedConfig $c.ConfigId -ConfigContent 'b;' | Should -BeNullOrEmpty
        (Get-ClbCustomizedConfig -ConfigId $c.ConfigId).ConfigContent | Should -Be 'b;'
    }

    It 'Set-ClbCustomizedConfig refuses a call with nothing to change, before sending; -WhatIf sends nothing' {
        $c = New-ClbCustomizedConfig 'unchanged' 'a;'
        $before = Get-ClbEmulatorCallCount $script:Emu $script:SetAction
        { Set-ClbCustomizedConfig $c.ConfigId -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.ConfigContent,*'
        Set-ClbCustomizedConfig $c.ConfigId -ConfigName 'x' -WhatIf
        Get-ClbEmulatorCallCount $script:Emu $script:SetAction | Should -Be $before
        (Get-ClbCustomizedConfig -ConfigId $c.ConfigId).ConfigName | Should -Be 'unchanged'
    }

    It 'Set-ClbCustomizedConfig on an unknown configuration is the service error' {
        Set-ClbCustomizedConfig pz-zzzzzzzz -ConfigName 'x' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'ResourceNotFound,ClbPowerShell.Cmdlets.Configs.SetClbCustomizedConfigCommand'
    }

    It 'Remove-ClbCustomizedConfig -WhatIf sends nothing; -Force deletes piped configurations' {
        $a = New-ClbCustomizedConfig 'rm-a' 'a;'
        $b = New-ClbCustomizedConfig 'rm-b' 'b;'
        $before = Get-ClbEmulatorCallCount $script:Emu $script:SetAction
        Get-ClbCustomizedConfig -Name 'rm-' | Remove-ClbCustomizedConfig -WhatIf
        Get-ClbEmulatorCallCount $script:Emu $script:SetAction | Should -Be $before
        $gone = Get-ClbCustomizedConfig -Name 'rm-' | Remove-ClbCustomizedConfig -Force -PassThru
        @($gone.ConfigId) | Should -Be @($a.ConfigId, $b.ConfigId)
        Get-ClbEmulatorCallCount $script:Emu $script:SetAction | Should -Be ($before + 2)
        @(Get-ClbCustomizedConfig -Name 'rm-') | Should -HaveCount 0
    }

    It 'Remove-ClbCustomizedConfig of an unknown id is one error for it while the others go on' {
        $c = New-ClbCustomizedConfig 'rm-c' 'c;'
        Remove-ClbCustomizedConfig pz-zzzzzzzz, $c.ConfigId -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ResourceNotFound,ClbPowerShell.Cmdlets.Configs.RemoveClbCustomizedConfigCommand'
        $err[0].TargetObject | Should -Be 'pz-zzzzzzzz'
        @(Get-ClbCustomizedConfig -ConfigId $c.ConfigId) | Should -HaveCount 0
    }
}

Describe 'Customized configuration bindings' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lbs = @(1..3 | ForEach-Object { New-ClbTestLoadBalancer -Name "cfg-bind-$_" })
        $script:Cfg = New-ClbCustomizedConfig 'bind-me' 'gzip on;'
        $script:Other = New-ClbCustomizedConfig 'bind-other' 'gzip off;'
    }

    It 'Add-ClbCustomizedConfigBinding -WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu $script:SetAction
        $script:Lbs | Add-ClbCustomizedConfigBinding -ConfigId $script:Cfg.ConfigId -WhatIf
        Get-ClbEmulatorCallCount $script:Emu $script:SetAction | Should -Be $before
    }

    It 'Add-ClbCustomizedConfigBinding binds piped load balancers in one request and -PassThru emits the bindings' {
        $before = Get-ClbEmulatorCallCount $script:Emu $script:SetAction
        $rows = $script:Lbs | Add-ClbCustomizedConfigBinding -ConfigId $script:Cfg.ConfigId -PassThru
        Get-ClbEmulatorCallCount $script:Emu $script:SetAction | Should -Be ($before + 1)
        $rows | Should -HaveCount 3
        $rows | ForEach-Object { $_ | Should -BeOfType ([type]$script:BindType) }
        @($rows.LoadBalancerId | Sort-Object) | Should -Be @($script:Lbs.LoadBalancerId | Sort-Object)
        $rows | ForEach-Object { $_.ConfigId | Should -Be $script:Cfg.ConfigId; $_.Region | Should -Be 'ap-guangzhou' }
    }

    It 'Get-ClbCustomizedConfigAssociation takes configurations from the pipeline and pages' {
        $rows = @($script:Cfg | Get-ClbCustomizedConfigAssociation)
        $rows | Should -HaveCount 3
        @(Get-ClbCustomizedConfigAssociation -ConfigId $script:Cfg.ConfigId -First 2) | Should -HaveCount 2
        @(Get-ClbCustomizedConfigAssociation -ConfigId $script:Other.ConfigId) | Should -HaveCount 0
        @(Get-ClbCustomizedConfigAssociation -ConfigId $script:Cfg.ConfigId -Domain 'example.com') | Should -HaveCount 0
        (Get-ClbCustomizedConfig -LoadBalancerId $script:Lbs[0].LoadBalancerId).ConfigId | Should -Be $script:Cfg.ConfigId
        (Get-ClbCustomizedConfig -Vip $script:Lbs[1].LoadBalancerVips[0]).ConfigId | Should -Be $script:Cfg.ConfigId
    }

    It 'binding another configuration moves the load balancer' {
        Add-ClbCustomizedConfigBinding $script:Other.ConfigId $script:Lbs[0].LoadBalancerId
        @(Get-ClbCustomizedConfigAssociation $script:Cfg.ConfigId) | Should -HaveCount 2
        (Get-ClbCustomizedConfigAssociation $script:Other.ConfigId).LoadBalancerId | Should -Be $script:Lbs[0].LoadBalancerId
    }

    It 'Remove-ClbCustomizedConfigBinding -WhatIf sends nothing; association rows piped with -Force unbind' {
        $before = Get-ClbEmulatorCallCount $script:Emu $script:SetAction
        Get-ClbCustomizedConfigAssociation $script:Cfg.ConfigId | Remove-ClbCustomizedConfigBinding -WhatIf
        Get-ClbEmulatorCallCount $script:Emu $script:SetAction | Should -Be $before
        Get-ClbCustomizedConfigAssociation $script:Cfg.ConfigId | Remove-ClbCustomizedConfigBinding -Force
        Get-ClbEmulatorCallCount $script:Emu $script:SetAction | Should -Be ($before + 1)
        @(Get-ClbCustomizedConfigAssociation $script:Cfg.ConfigId) | Should -HaveCount 0
    }

    It 'binding an unknown load balancer is the service error; a bad id is refused before sending' {
        Add-ClbCustomizedConfigBinding $script:Cfg.ConfigId lb-zzzzzzzz -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter*,ClbPowerShell.Cmdlets.Configs.AddClbCustomizedConfigBindingCommand'
        $before = Get-ClbEmulatorCallCount $script:Emu $script:SetAction
        { Add-ClbCustomizedConfigBinding $script:Cfg.ConfigId 'loadbalancer-1' -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Remove-ClbCustomizedConfigBinding 'pz-1' $script:Lbs[0].LoadBalancerId -Force -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu $script:SetAction | Should -Be $before
    }
}

Describe 'Client IP blocklist' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'block-1'
        $script:Lb2 = New-ClbTestLoadBalancer -Name 'block-2'
    }
    AfterEach {
        Invoke-ClbEmulatorControl $script:Emu 'settings' -Method POST -Body @{ TaskDurationMs = 0 } | Out-Null
    }

    It 'Set-ClbBlockedIp -Action Add emits the job as a task; Get-ClbBlockedIp lists the addresses' {
        $t = Set-ClbBlockedIp $script:Lb.LoadBalancerId -Action Add -ClientIp 10.0.0.1, 10.0.0.2 -ExpireTime 600
        $t | Should -BeOfType ([type]$script:TaskType)
        $t.Action | Should -Be 'ModifyBlockIPList'
        $t.LoadBalancerId | Should -Be $script:Lb.LoadBalancerId
        $t.TaskId | Should -Not -BeNullOrEmpty
        $ips = @($script:Lb | Get-ClbBlockedIp)
        @($ips.IP | Sort-Object) | Should -Be @('10.0.0.1', '10.0.0.2')
        $ips | ForEach-Object { $_ | Should -BeOfType ([type]$script:BlockedType); $_.LoadBalancerId | Should -Be $script:Lb.LoadBalancerId; $_.Region | Should -Be 'ap-guangzhou' }
        @(Get-ClbBlockedIp $script:Lb.LoadBalancerId -First 1) | Should -HaveCount 1
        @(Get-ClbBlockedIp $script:Lb.LoadBalancerId -Skip 1) | Should -HaveCount 1
    }

    It 'Set-ClbBlockedIp -Wait polls DescribeBlockIPTask, never DescribeTaskStatus, and emits the finished job' {
        Invoke-ClbEmulatorControl $script:Emu 'settings' -Method POST -Body @{ TaskDurationMs = 400 } | Out-Null
        $polls = Get-ClbEmulatorCallCount $script:Emu 'DescribeBlockIPTask'
        $status = Get-ClbEmulatorCallCount $script:Emu 'DescribeTaskStatus'
        $t = Set-ClbBlockedIp $script:Lb.LoadBalancerId -Action Remove -ClientIp 10.0.0.1 -Wait
        $t.Status | Should -Be 'Succeeded'
        (Get-ClbEmulatorCallCount $script:Emu 'DescribeBlockIPTask') | Should -BeGreaterThan ($polls + 1)
        Get-ClbEmulatorCallCount $script:Emu 'DescribeTaskStatus' | Should -Be $status
        (Get-ClbBlockedIp $script:Lb.LoadBalancerId).IP | Should -Be '10.0.0.2'
    }

    It 'Set-ClbBlockedIp -Wait that runs out of time is an error for the task' {
        Invoke-ClbEmulatorControl $script:Emu 'settings' -Method POST -Body @{ TaskDurationMs = 600000 } | Out-Null
        Set-ClbBlockedIp $script:Lb.LoadBalancerId -Action Add -ClientIp 10.9.9.9 -Wait -Timeout 1 -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].TargetObject | Should -BeOfType ([type]$script:TaskType)
    }

    It 'piped load balancers are changed in one request; -Action Clear empties the lists' {
        Set-ClbBlockedIp $script:Lb2.LoadBalancerId -Action Add -ClientIp 2001:db8::1 | Out-Null
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyBlockIPList'
        $t = $script:Lb, $script:Lb2 | Set-ClbBlockedIp -Action Clear -Wait
        Get-ClbEmulatorCallCount $script:Emu 'ModifyBlockIPList' | Should -Be ($before + 1)
        @($t.LoadBalancerIds) | Should -HaveCount 2
        @($script:Lb, $script:Lb2 | Get-ClbBlockedIp) | Should -HaveCount 0
    }

    It 'Set-ClbBlockedIp -WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyBlockIPList'
        Set-ClbBlockedIp $script:Lb.LoadBalancerId -Action Add -ClientIp 10.0.0.5 -WhatIf | Should -BeNullOrEmpty
        Get-ClbEmulatorCallCount $script:Emu 'ModifyBlockIPList' | Should -Be $before
    }

    It 'refuses input that cannot be sent, before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyBlockIPList'
        { Set-ClbBlockedIp $script:Lb.LoadBalancerId -Action Add -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.ClientIp,*'
        { Set-ClbBlockedIp $script:Lb.LoadBalancerId -Action Add -ClientIp 'not-an-ip' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.ClientIp,*'
        { Set-ClbBlockedIp $script:Lb.LoadBalancerId -Action Clear -ClientIp 10.0.0.1 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.ClientIp,*'
        { Set-ClbBlockedIp $script:Lb.LoadBalancerId -Action Remove -ClientIp 10.0.0.1 -ExpireTime 60 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.ExpireTime,*'
        { Set-ClbBlockedIp $script:Lb.LoadBalancerId -Action Block -ClientIp 10.0.0.1 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Set-ClbBlockedIp $script:Lb.LoadBalancerId -Action Add -ClientIp 10.0.0.1 -ExpireTime 0 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu 'ModifyBlockIPList' | Should -Be $before
    }

    It 'an unknown load balancer is the service error' {
        Get-ClbBlockedIp lb-zzzzzzzz -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter*,ClbPowerShell.Cmdlets.Configs.GetClbBlockedIpCommand'
        Set-ClbBlockedIp lb-zzzzzzzz -Action Clear -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2 | Should -HaveCount 1
        $err2[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter*,ClbPowerShell.Cmdlets.Configs.SetClbBlockedIpCommand'
    }
}
