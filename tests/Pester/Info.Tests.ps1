# Account information, price and log cmdlets against the emulator process: Get-ClbQuota, Get-ClbResource, Get-ClbPrice,
# Get-ClbLoadBalancerOverview, Get-ClbIdleLoadBalancer, Get-ClbLoadBalancerTraffic, Move-ClbLoadBalancer,
# Set-ClbLoadBalancerSla, Get-/New-ClbLogSet, New-ClbLogTopic, Set-ClbLoadBalancerLog.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    Connect-ClbTest $script:Emu
    $script:Info = 'ClbPowerShell.Cmdlets.Info'
    $script:Logs = 'ClbPowerShell.Cmdlets.Logs'
}
AfterAll { Stop-ClbTestEmulator $script:Emu }

Describe 'Get-ClbQuota, Get-ClbLoadBalancerOverview, Get-ClbResource' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        New-ClbLoadBalancer -Name 'quota' -Count 2 -Wait -Confirm:$false | Out-Null
    }

    It 'lists quotas with usage and Region, filtered by wildcard id' {
        $all = Get-ClbQuota
        $all.Count | Should -BeGreaterOrEqual 5
        $all | Should -BeOfType ([ClbPowerShell.Client.Models.Quota])
        $open = $all | Where-Object QuotaId -eq 'TOTAL_OPEN_CLB_QUOTA'
        $open.QuotaCurrent | Should -Be 2
        $open.Region | Should -Be 'ap-guangzhou'
        $some = Get-ClbQuota -QuotaId 'TOTAL_LISTENER*'
        $some.QuotaId | Should -Be @('TOTAL_LISTENER_QUOTA', 'TOTAL_LISTENER_RULE_QUOTA')
    }

    It 'counts the load balancers in the overview' {
        $o = Get-ClbLoadBalancerOverview
        $o | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbLoadBalancerOverview])
        $o.TotalCount | Should -Be 2
        $o.RunningCount | Should -Be 2
        $o.Region | Should -Be 'ap-guangzhou'
    }

    It 'lists zone resources, filtered by zone and ISP, and pages with -First/-Skip' {
        $all = Get-ClbResource
        $all | Should -HaveCount 9
        $all[0].Region | Should -Be 'ap-guangzhou'
        $cmcc = Get-ClbResource -Zone 'ap-guangzhou-1' -Isp CMCC
        $cmcc | Should -HaveCount 1
        $cmcc.MasterZone | Should -Be 'ap-guangzhou-1'
        $cmcc.ResourceSet.Isp | Should -Be 'CMCC'
        $before = Get-ClbEmulatorCallCount $script:Emu 'DescribeResources'
        $window = Get-ClbResource -Skip 3 -First 2
        (Get-ClbEmulatorCallCount $script:Emu 'DescribeResources') - $before | Should -Be 1
        ($window | ForEach-Object { "$($_.MasterZone)/$($_.IPVersion)" }) | Should -Be ($all[3..4] | ForEach-Object { "$($_.MasterZone)/$($_.IPVersion)" })
        $out = @(Get-ClbResource -First 1 -IncludeTotalCount)
        [uint64]$out[1].psobject.BaseObject | Should -Be 9
    }
}

Describe 'Get-ClbPrice' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'priced'
    }

    It 'prices a create by default' {
        $p = Get-ClbPrice -ChargeType PREPAID -Period 3 -Count 2
        $p | Should -BeOfType ([ClbPowerShell.Client.Models.Price])
        $p.Action | Should -Be 'InquiryPriceCreateLoadBalancer'
        $p.Region | Should -Be 'ap-guangzhou'
        $p.InstancePrice.OriginalPrice | Should -BeGreaterThan 0
        (Get-ClbPrice -SlaType clb.c2.medium).LcuPrice | Should -Not -BeNullOrEmpty
    }

    It 'prices a modify, renew and refund of a piped load balancer' {
        $m = $script:Lb | Get-ClbPrice -Modify -InternetChargeType BANDWIDTH_POSTPAID_BY_HOUR -BandwidthOut 100
        $m.Action | Should -Be 'InquiryPriceModifyLoadBalancer'
        $m.LoadBalancerId | Should -Be $script:Lb.LoadBalancerId
        $m.BandwidthPrice.ChargeUnit | Should -Be 'HOURLY'
        $r = $script:Lb | Get-ClbPrice -Renew -Period 12
        $r.Action | Should -Be 'InquiryPriceRenewLoadBalancer'
        $r.InstancePrice.OriginalPrice | Should -BeGreaterThan 0
        $f = Get-ClbPrice -LoadBalancerId $script:Lb.LoadBalancerId -Refund
        $f.Action | Should -Be 'InquiryPriceRefundLoadBalancer'
    }

    It 'refuses bad combinations before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'InquiryPriceModifyLoadBalancer'
        { Get-ClbPrice -LoadBalancerId $script:Lb.LoadBalancerId -Modify -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.InternetChargeType*'
        Get-ClbEmulatorCallCount $script:Emu 'InquiryPriceModifyLoadBalancer' | Should -Be $before
        $before = Get-ClbEmulatorCallCount $script:Emu 'InquiryPriceCreateLoadBalancer'
        { Get-ClbPrice -Period 3 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.Period*'
        { Get-ClbPrice -LoadBalancerType INTERNAL -BandwidthOut 10 -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.LoadBalancerType*'
        { Get-ClbPrice -Count 21 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu 'InquiryPriceCreateLoadBalancer' | Should -Be $before
    }

    It 'reports an unknown load balancer with the service error code' {
        Get-ClbPrice -LoadBalancerId 'lb-00000000' -Refund -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.LBIdNotFound,$script:Info.GetClbPriceCommand"
    }
}

Describe 'Get-ClbIdleLoadBalancer and Get-ClbLoadBalancerTraffic' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lbs = New-ClbLoadBalancer -Name 'idle' -Count 3 -Wait -Confirm:$false
    }

    It 'lists idle load balancers, pages, and pipes them on' {
        $idle = Get-ClbIdleLoadBalancer -LoadBalancerRegion ap-guangzhou
        $idle | Should -HaveCount 3
        $idle | Should -BeOfType ([ClbPowerShell.Client.Models.IdleLoadBalancer])
        $idle.IdleReason | Sort-Object -Unique | Should -Be 'NO_RULES'
        (Get-ClbIdleLoadBalancer -Skip 1 -First 1).LoadBalancerId | Should -Be $idle[1].LoadBalancerId
        ($idle | Get-ClbLoadBalancer).LoadBalancerName | Sort-Object -Unique | Should -Be 'idle'
    }

    It 'ranks load balancers by traffic' {
        $t = Get-ClbLoadBalancerTraffic -LoadBalancerRegion ap-guangzhou
        $t | Should -HaveCount 3
        $t[0] | Should -BeOfType ([ClbPowerShell.Client.Models.LoadBalancerTraffic])
        $t.Region | Sort-Object -Unique | Should -Be 'ap-guangzhou'
    }

    It 'refuses a malformed region before sending' {
        { Get-ClbLoadBalancerTraffic -LoadBalancerRegion 'Guangzhou' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Get-ClbIdleLoadBalancer -LoadBalancerRegion 'x' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Move-ClbLoadBalancer and Set-ClbLoadBalancerSla' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lbs = @(New-ClbLoadBalancer -Name 'move' -Count 20 -Wait -Confirm:$false) + @(New-ClbLoadBalancer -Name 'move2' -Count 3 -Wait -Confirm:$false)
    }

    It 'moves piped load balancers in one call per 20 and emits them with -PassThru' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyLoadBalancersProject'
        $moved = $script:Lbs | Move-ClbLoadBalancer -ProjectId 5 -PassThru -Confirm:$false
        (Get-ClbEmulatorCallCount $script:Emu 'ModifyLoadBalancersProject') - $before | Should -Be 2
        $moved | Should -HaveCount 23
        $moved.ProjectId | Sort-Object -Unique | Should -Be 5
        (Get-ClbLoadBalancer -ProjectId 5) | Should -HaveCount 23
        $script:Lbs[0] | Move-ClbLoadBalancer -ProjectId 0 -Confirm:$false | Should -BeNullOrEmpty
        (Get-ClbLoadBalancer -LoadBalancerId $script:Lbs[0].LoadBalancerId).ProjectId | Should -Be 0
    }

    It '-WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyLoadBalancersProject'
        $script:Lbs | Move-ClbLoadBalancer -ProjectId 9 -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'ModifyLoadBalancersProject' | Should -Be $before
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyLoadBalancerSla'
        $script:Lbs | Set-ClbLoadBalancerSla -SlaType clb.c3.small -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'ModifyLoadBalancerSla' | Should -Be $before
    }

    It 'sets the specification of piped load balancers' {
        $two = $script:Lbs[0..1]
        $out = $two | Set-ClbLoadBalancerSla -SlaType clb.c3.small -PassThru -Confirm:$false
        $out | Should -HaveCount 2
        $out.SlaType | Sort-Object -Unique | Should -Be 'clb.c3.small'
        ($two | Get-ClbLoadBalancer).SlaType | Sort-Object -Unique | Should -Be 'clb.c3.small'
    }

    It 'refuses a malformed specification and reports an unknown load balancer' {
        { Set-ClbLoadBalancerSla -LoadBalancerId $script:Lbs[0].LoadBalancerId -SlaType gold -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Move-ClbLoadBalancer -LoadBalancerId 'lb-00000000' -ProjectId 1 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameter.LBIdNotFound,$script:Info.MoveClbLoadBalancerCommand"
        Set-ClbLoadBalancerSla -LoadBalancerId 'lb-00000000' -SlaType SLA -Confirm:$false -ErrorVariable err2 -ErrorAction SilentlyContinue
        $err2[0].FullyQualifiedErrorId | Should -BeLike "InvalidParameter.LBIdNotFound,$script:Info.SetClbLoadBalancerSlaCommand"
    }
}

Describe 'Logsets, topics and load balancer logs' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'logged'
    }

    It 'has no logset at first and -WhatIf creates none' {
        Get-ClbLogSet | Should -BeNullOrEmpty
        New-ClbLogSet -Name 'x' -WhatIf
        New-ClbLogTopic -Name 't' -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'CreateClsLogSet' | Should -Be 0
        Get-ClbEmulatorCallCount $script:Emu 'CreateTopic' | Should -Be 0
    }

    It 'needs a logset before a topic' {
        New-ClbLogTopic -Name 'early' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "FailedOperation,$script:Logs.NewClbLogTopicCommand"
    }

    It 'creates logsets of both types and lists them' {
        $a = New-ClbLogSet -Name 'clb-access' -Period 7 -Confirm:$false
        $a | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbLogSet])
        $a.LogSetType | Should -Be 'ACCESS'
        $h = New-ClbLogSet -LogsetType HEALTH -Confirm:$false
        $sets = Get-ClbLogSet
        $sets | Should -HaveCount 2
        (Get-ClbLogSet -LogSetType HEALTH).LogSetId | Should -Be $h.LogSetId
        (Get-ClbLogSet ACCESS).Region | Should -Be 'ap-guangzhou'
        New-ClbLogSet -Name 'again' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "FailedOperation,$script:Logs.NewClbLogSetCommand"
    }

    It 'pipes a new topic into Set-ClbLoadBalancerLog and turns the log off again' {
        $topic = New-ClbLogTopic -Name 'web' -PartitionCount 2 -Confirm:$false
        $topic | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbLogTopic])
        $topic.LogSetId | Should -Be (Get-ClbLogSet ACCESS).LogSetId
        $lb = $topic | Set-ClbLoadBalancerLog -LoadBalancerId $script:Lb.LoadBalancerId -PassThru -Confirm:$false
        $lb.LogTopicId | Should -Be $topic.LogTopicId
        $lb.LogSetId | Should -Be $topic.LogSetId

        $health = New-ClbLogTopic -Name 'hc' -TopicType HEALTH -Confirm:$false
        $script:Lb | Set-ClbLoadBalancerLog -LogSetId $health.LogSetId -LogTopicId $health.LogTopicId -LogType HEALTH -Confirm:$false
        (Get-ClbLoadBalancer -LoadBalancerId $script:Lb.LoadBalancerId).HealthLogTopicId | Should -Be $health.LogTopicId

        $off = $script:Lb | Set-ClbLoadBalancerLog -Disable -PassThru -Confirm:$false
        $off.LogTopicId | Should -BeNullOrEmpty
        $off.HealthLogTopicId | Should -Be $health.LogTopicId
    }

    It '-WhatIf sends nothing and a wrong topic type is the service error' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'SetLoadBalancerClsLog'
        $script:Lb | Set-ClbLoadBalancerLog -Disable -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'SetLoadBalancerClsLog' | Should -Be $before
        $t = New-ClbLogTopic -Name 'acc2' -Confirm:$false
        Set-ClbLoadBalancerLog -LoadBalancerId $script:Lb.LoadBalancerId -LogSetId $t.LogSetId -LogTopicId $t.LogTopicId -LogType HEALTH -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be "InvalidParameterValue,$script:Logs.SetClbLoadBalancerLogCommand"
        { Set-ClbLoadBalancerLog -LoadBalancerId $script:Lb.LoadBalancerId -LogSetId a -LogTopicId b -LogType ERROR -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}
