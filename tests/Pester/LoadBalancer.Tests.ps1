# Load balancer cmdlets against the emulator process: Get-/New-/Set-/Remove-/Copy-ClbLoadBalancer, Get-ClbLoadBalancerDetail.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    Connect-ClbTest $script:Emu
}
AfterAll { Stop-ClbTestEmulator $script:Emu }

Describe 'New-ClbLoadBalancer and Get-ClbLoadBalancer' {
    BeforeAll { Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null }

    It 'emits a task without -Wait and the load balancer with -Wait' {
        $task = New-ClbLoadBalancer -Name 'pester-task' -Confirm:$false
        $task | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbTask])
        $task.Action | Should -Be 'CreateLoadBalancer'
        $task.LoadBalancerIds | Should -HaveCount 1
        $lb = New-ClbLoadBalancer -Name 'pester-wait' -Wait -Confirm:$false
        $lb | Should -BeOfType ([ClbPowerShell.Client.Models.LoadBalancer])
        $lb.LoadBalancerName | Should -Be 'pester-wait'
        $lb.Region | Should -Be 'ap-guangzhou'
    }

    It 'finds by wildcard name and by id from the pipeline' {
        1..3 | ForEach-Object { New-ClbLoadBalancer -Name "wild-$_" -Confirm:$false | Out-Null }
        $found = Get-ClbLoadBalancer -Name 'wild-*'
        $found | Should -HaveCount 3
        ($found | Get-ClbLoadBalancer | Measure-Object).Count | Should -Be 3
    }

    It 'stops paging early with -First' {
        New-ClbLoadBalancer -Name 'bulk' -Count 20 -Confirm:$false | Out-Null
        $before = Get-ClbEmulatorCallCount $script:Emu 'DescribeLoadBalancers'
        Get-ClbLoadBalancer -First 2 | Should -HaveCount 2
        (Get-ClbEmulatorCallCount $script:Emu 'DescribeLoadBalancers') - $before | Should -Be 1
    }

    It 'stops paging when a downstream Select-Object -First is satisfied' {
        # More than one page (100) exists, so a listing that ran on would make a second call.
        1..6 | ForEach-Object { New-ClbLoadBalancer -Name "many-$_" -Count 20 -Confirm:$false | Out-Null }
        $before = Get-ClbEmulatorCallCount $script:Emu 'DescribeLoadBalancers'
        Get-ClbLoadBalancer | Select-Object -First 3 | Should -HaveCount 3
        (Get-ClbEmulatorCallCount $script:Emu 'DescribeLoadBalancers') - $before | Should -Be 1
        $out = @(Get-ClbLoadBalancer -IncludeTotalCount -First 1)
        $out | Should -HaveCount 2
        [uint64]$out[1].psobject.BaseObject | Should -BeGreaterOrEqual 120
    }

    It '-WhatIf sends no CreateLoadBalancer' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateLoadBalancer'
        New-ClbLoadBalancer -Name 'nope' -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'CreateLoadBalancer' | Should -Be $before
    }

    It 'refuses an INTERNAL load balancer without a subnet before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateLoadBalancer'
        { New-ClbLoadBalancer -Name 'x' -LoadBalancerType INTERNAL -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.SubnetId*'
        Get-ClbEmulatorCallCount $script:Emu 'CreateLoadBalancer' | Should -Be $before
    }
}

Describe 'Get-ClbLoadBalancerDetail' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'detail-lb'
        New-ClbTestLoadBalancer -Name 'other-lb' | Out-Null
        New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol TCP -Port 80, 81 -Wait -Confirm:$false | Out-Null
    }

    It 'emits one row per listener for a piped load balancer, with Region' {
        $rows = $script:Lb | Get-ClbLoadBalancerDetail
        $rows | Should -HaveCount 2
        $rows | ForEach-Object { $_ | Should -BeOfType ([ClbPowerShell.Client.Models.LoadBalancerDetail]) }
        $rows.LoadBalancerId | Sort-Object -Unique | Should -Be $script:Lb.LoadBalancerId
        ($rows.Port | Sort-Object) | Should -Be @(80, 81)
        $rows[0].Region | Should -Be 'ap-guangzhou'
    }

    It 'returns one row per load balancer for load-balancer-only fields, and honours -First' {
        $rows = Get-ClbLoadBalancerDetail -Field Address, VpcId
        $rows | Should -HaveCount 2
        $rows | ForEach-Object { $_.ListenerId | Should -BeNullOrEmpty; $_.Address | Should -Not -BeNullOrEmpty }
        Get-ClbLoadBalancerDetail -First 1 | Should -HaveCount 1
    }

    It 'refuses an unknown field before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DescribeLoadBalancersDetail'
        { Get-ClbLoadBalancerDetail -Field NoSuchField -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter.Field*'
        Get-ClbEmulatorCallCount $script:Emu 'DescribeLoadBalancersDetail' | Should -Be $before
    }

    It 'reports an unsupported filter with the service error code' {
        Get-ClbLoadBalancerDetail -Filter @{ Name = 'bogus'; Values = 'x' } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameterValue.InvalidFilter,*'
    }
}

Describe 'Set-ClbLoadBalancer' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'before-rename'
    }

    It 'renames from the pipeline and emits the updated load balancer with -Wait' {
        $updated = $script:Lb | Set-ClbLoadBalancer -Name 'after-rename' -Wait -Confirm:$false
        $updated.LoadBalancerName | Should -Be 'after-rename'
        $updated.LoadBalancerId | Should -Be $script:Lb.LoadBalancerId
    }

    It 'emits a task without -Wait' {
        $task = Set-ClbLoadBalancer -LoadBalancerId $script:Lb.LoadBalancerId -LoadBalancerPassToTarget $false -Confirm:$false
        $task.Action | Should -Be 'ModifyLoadBalancerAttributes'
        $task.ResourceId | Should -Be $script:Lb.LoadBalancerId
        ($task | Wait-ClbTask).Status | Should -Be 'Succeeded'
    }

    It '-WhatIf sends nothing and a call with nothing to change is refused' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyLoadBalancerAttributes'
        Set-ClbLoadBalancer -LoadBalancerId $script:Lb.LoadBalancerId -Name 'x' -WhatIf
        { Set-ClbLoadBalancer -LoadBalancerId $script:Lb.LoadBalancerId -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.Name*'
        Get-ClbEmulatorCallCount $script:Emu 'ModifyLoadBalancerAttributes' | Should -Be $before
    }

    It 'reports a missing load balancer as a non-terminating error with the service code' {
        Set-ClbLoadBalancer -LoadBalancerId 'lb-zzzzzzzz' -Name 'x' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.LBIdNotFound,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a malformed id before sending' {
        { Set-ClbLoadBalancer -LoadBalancerId 'not-an-id' -Name 'x' -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Copy-ClbLoadBalancer' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'source'
        New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol UDP -Port 53 -Wait -Confirm:$false | Out-Null
    }

    It 'copies with listeners and emits the copy with -Wait' {
        $copy = $script:Lb | Copy-ClbLoadBalancer -Name 'the-copy' -Wait -Confirm:$false
        $copy.LoadBalancerName | Should -Be 'the-copy'
        $copy.LoadBalancerId | Should -Not -Be $script:Lb.LoadBalancerId
        ($copy | Get-ClbListener).Port | Should -Be 53
    }

    It 'emits a task without -Wait, and -WhatIf sends nothing' {
        $task = Copy-ClbLoadBalancer -LoadBalancerId $script:Lb.LoadBalancerId -Confirm:$false
        $task.Action | Should -Be 'CloneLoadBalancer'
        $before = Get-ClbEmulatorCallCount $script:Emu 'CloneLoadBalancer'
        Copy-ClbLoadBalancer -LoadBalancerId $script:Lb.LoadBalancerId -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'CloneLoadBalancer' | Should -Be $before
    }
}

Describe 'Remove-ClbLoadBalancer' {
    BeforeEach { Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null }

    It '-WhatIf over a pipeline sends nothing and deletes nothing' {
        New-ClbLoadBalancer -Name 'keep' -Count 3 -Confirm:$false | Out-Null
        Get-ClbLoadBalancer | Remove-ClbLoadBalancer -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'DeleteLoadBalancer' | Should -Be 0
        Get-ClbLoadBalancer | Should -HaveCount 3
    }

    It 'deletes 25 piped load balancers in two calls with -Force -Wait and emits nothing' {
        New-ClbLoadBalancer -Name 'gone' -Count 20 -Confirm:$false | Out-Null
        New-ClbLoadBalancer -Name 'gone' -Count 5 -Confirm:$false | Out-Null
        $out = Get-ClbLoadBalancer | Remove-ClbLoadBalancer -Force -Wait
        $out | Should -BeNullOrEmpty
        Get-ClbEmulatorCallCount $script:Emu 'DeleteLoadBalancer' | Should -Be 2
        Get-ClbLoadBalancer | Should -BeNullOrEmpty
    }

    It 'emits tasks without -Wait and the deleted load balancers with -PassThru' {
        $lbs = New-ClbLoadBalancer -Name 'pt' -Count 2 -Wait -Confirm:$false
        $out = $lbs | Remove-ClbLoadBalancer -Force -PassThru
        @($out | Where-Object { $_ -is [ClbPowerShell.Client.Operations.ClbTask] }) | Should -HaveCount 1
        $deleted = @($out | Where-Object { $_ -is [ClbPowerShell.Client.Models.LoadBalancer] })
        ($deleted.LoadBalancerId | Sort-Object) | Should -Be ($lbs.LoadBalancerId | Sort-Object)
    }

    It 'reports a protected load balancer with the service error code' {
        $lb = New-ClbTestLoadBalancer -Name 'protected'
        $lb | Set-ClbLoadBalancer -DeleteProtect $true -Wait -Confirm:$false | Out-Null
        $lb | Remove-ClbLoadBalancer -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'FailedOperation,*'
        Get-ClbLoadBalancer -LoadBalancerId $lb.LoadBalancerId | Should -Not -BeNullOrEmpty
    }
}
