# Register-/Unregister-/Set-/Sync-ClbTarget against the emulator process.
# Listeners and rules are made with Invoke-ClbApi (their cmdlets belong to another area); Get-ClbTarget and
# Find-ClbTargetBinding come from the other target engineer.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    Connect-ClbTest $script:Emu

    function New-TestListener {
        param([string] $LoadBalancerId, [int] $Port, [string] $Protocol = 'TCP')
        $r = Invoke-ClbApi -Action CreateListener -Parameter @{ LoadBalancerId = $LoadBalancerId; Protocol = $Protocol; Ports = @($Port) }
        @($r.ListenerIds)[0]
    }
    function Get-Bound {
        # Backends of a listener (or rule) straight from DescribeTargets: "instance-or-ip:port=weight", sorted.
        param([string] $LoadBalancerId, [string] $ListenerId, [string] $LocationId)
        $r = Invoke-ClbApi -Action DescribeTargets -Parameter @{ LoadBalancerId = $LoadBalancerId; ListenerIds = @($ListenerId) }
        $l = @($r.Listeners)[0]
        $targets = if ($LocationId) { (@($l.Rules) | Where-Object LocationId -eq $LocationId).Targets } else { $l.Targets }
        @($targets | ForEach-Object {
            $key = if ($_.InstanceId) { $_.InstanceId } else { @($_.PrivateIpAddresses)[0] }
            "${key}:$($_.Port)=$($_.Weight)"
        } | Sort-Object)
    }

    $script:Lb = (New-ClbTestLoadBalancer).LoadBalancerId
    $script:L1 = New-TestListener $script:Lb 80
    $script:L2 = New-TestListener $script:Lb 81
    $script:Http = New-TestListener $script:Lb 8000 -Protocol HTTP
    $script:Loc = @((Invoke-ClbApi -Action CreateRule -Parameter @{ LoadBalancerId = $script:Lb; ListenerId = $script:Http; Rules = @(@{ Domain = 'www.example.com'; Url = '/' }) }).LocationIds)[0]
}

AfterAll {
    Stop-ClbTestEmulator $script:Emu
}

Describe 'Register-ClbTarget' {
    It 'registers instances and ENI IPs with a weight and emits them with -PassThru' {
        $out = Register-ClbTarget -LoadBalancerId $Lb -ListenerId $L1 -InstanceId ins-aaaa0001, ins-aaaa0002 -EniIp 10.0.0.9 -Port 8080 -Weight 30 -PassThru
        @($out).Count | Should -Be 3
        $out[0] | Should -BeOfType ([ClbPowerShell.Client.Operations.ClbTarget])
        ($out | Where-Object EniIp -eq '10.0.0.9').Type | Should -Be 'ENI'
        Get-Bound $Lb $L1 | Should -Be @('10.0.0.9:8080=30', 'ins-aaaa0001:8080=30', 'ins-aaaa0002:8080=30')
    }

    It 'emits nothing without -PassThru' {
        Register-ClbTarget -LoadBalancerId $Lb -ListenerId $L2 -InstanceId ins-aaaa0003 -Port 80 | Should -BeNullOrEmpty
    }

    It 'registers on a layer-7 rule by LocationId and by Domain+Url' {
        Register-ClbTarget -LoadBalancerId $Lb -ListenerId $Http -LocationId $Loc -InstanceId ins-aaaa0010 -Port 80
        Register-ClbTarget -LoadBalancerId $Lb -ListenerId $Http -Domain www.example.com -Url / -InstanceId ins-aaaa0011 -Port 80
        Get-Bound $Lb $Http $Loc | Should -Be @('ins-aaaa0010:80=10', 'ins-aaaa0011:80=10')
    }

    It 'gathers piped records and batches them: 60 targets over 2 listeners take one BatchRegisterTargets call' {
        $before = Get-ClbEmulatorCallCount $Emu 'BatchRegisterTargets'
        $beforeSingle = Get-ClbEmulatorCallCount $Emu 'RegisterTargets'
        $lb = (New-ClbTestLoadBalancer).LoadBalancerId
        $a = New-TestListener $lb 80
        $b = New-TestListener $lb 81
        0..59 | ForEach-Object {
            [pscustomobject]@{ LoadBalancerId = $lb; ListenerId = $(if ($_ % 2) { $a } else { $b }); InstanceId = 'ins-{0:x8}' -f $_; Port = 80 }
        } | Register-ClbTarget
        (Get-ClbEmulatorCallCount $Emu 'BatchRegisterTargets') - $before | Should -Be 1
        (Get-ClbEmulatorCallCount $Emu 'RegisterTargets') - $beforeSingle | Should -Be 0
        (Get-Bound $lb $a).Count + (Get-Bound $lb $b).Count | Should -Be 60
    }

    It 'reports each target on a missing listener as its own error and registers the others' {
        $lb = (New-ClbTestLoadBalancer).LoadBalancerId
        $good = New-TestListener $lb 80
        $targets = @(
            0..29 | ForEach-Object { [pscustomobject]@{ LoadBalancerId = $lb; ListenerId = $good; InstanceId = 'ins-{0:x8}' -f $_; Port = 80 } }
            0..2 | ForEach-Object { [pscustomobject]@{ LoadBalancerId = $lb; ListenerId = 'lbl-zzzzzzzz'; InstanceId = 'ins-{0:x8}' -f (100 + $_); Port = 80 } }
        )
        $targets | Register-ClbTarget -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 3
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ListenerIdNotFound,*RegisterClbTargetCommand'
        $err[0].TargetObject.ListenerId | Should -Be 'lbl-zzzzzzzz'
        (Get-Bound $lb $good).Count | Should -Be 30
    }

    It '-WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $Emu 'RegisterTargets'
        $beforeBatch = Get-ClbEmulatorCallCount $Emu 'BatchRegisterTargets'
        Register-ClbTarget -LoadBalancerId $Lb -ListenerId $L2 -InstanceId ins-aaaa0099 -Port 80 -WhatIf
        Get-ClbEmulatorCallCount $Emu 'RegisterTargets' | Should -Be $before
        Get-ClbEmulatorCallCount $Emu 'BatchRegisterTargets' | Should -Be $beforeBatch
    }

    It 'refuses bad input before sending' {
        $before = Get-ClbEmulatorCallCount $Emu 'RegisterTargets'
        { Register-ClbTarget -LoadBalancerId $Lb -ListenerId $L2 -InstanceId i-123 -Port 80 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Register-ClbTarget -LoadBalancerId $Lb -ListenerId $L2 -InstanceId ins-aaaa0001 -Port 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Register-ClbTarget -LoadBalancerId $Lb -ListenerId $L2 -InstanceId ins-aaaa0001 -Port 80 -Weight 101 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { Register-ClbTarget -LoadBalancerId $Lb -ListenerId $L2 -Port 80 } | Should -Throw -ErrorId 'InvalidParameter.InstanceId*'
        { Register-ClbTarget -LoadBalancerId $Lb -ListenerId $Http -Domain www.example.com -InstanceId ins-aaaa0001 -Port 80 } | Should -Throw -ErrorId 'InvalidParameter.Url*'
        Get-ClbEmulatorCallCount $Emu 'RegisterTargets' | Should -Be $before
    }

    It 'reports an unknown load balancer with the service code' {
        Register-ClbTarget -LoadBalancerId lb-zzzzzzzz -ListenerId $L1 -InstanceId ins-aaaa0001 -Port 80 -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.LBIdNotFound*'
    }
}

Describe 'Set-ClbTarget' {
    It 'Get-ClbTarget ... | Set-ClbTarget -Weight 0 sets every weight to 0' {
        Get-ClbTarget -LoadBalancerId $Lb -ListenerId $L1 | Set-ClbTarget -Weight 0
        Get-Bound $Lb $L1 | Should -Be @('10.0.0.9:8080=0', 'ins-aaaa0001:8080=0', 'ins-aaaa0002:8080=0')
    }

    It 'moves a target to a new port and sets its weight there' {
        $out = Set-ClbTarget -LoadBalancerId $Lb -ListenerId $L1 -InstanceId ins-aaaa0001 -Port 8080 -NewPort 8081 -Weight 40 -PassThru
        $out.Port | Should -Be 8081
        Get-Bound $Lb $L1 | Should -Contain 'ins-aaaa0001:8081=40'
        Get-Bound $Lb $L1 | Should -Not -Contain 'ins-aaaa0001:8080=0'
    }

    It 'refuses a call with neither -Weight nor -NewPort' {
        { Set-ClbTarget -LoadBalancerId $Lb -ListenerId $L1 -InstanceId ins-aaaa0002 -Port 8080 } | Should -Throw -ErrorId 'InvalidParameter.Weight*'
    }

    It 'reports a target that is not bound as an error' {
        Set-ClbTarget -LoadBalancerId $Lb -ListenerId $L1 -InstanceId ins-bbbb0001 -Port 8080 -Weight 5 -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter*SetClbTargetCommand'
    }

    It '-WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $Emu 'ModifyTargetWeight'
        Set-ClbTarget -LoadBalancerId $Lb -ListenerId $L1 -InstanceId ins-aaaa0002 -Port 8080 -Weight 90 -WhatIf
        Get-ClbEmulatorCallCount $Emu 'ModifyTargetWeight' | Should -Be $before
    }
}

Describe 'Unregister-ClbTarget' {
    It 'Find-ClbTargetBinding -InstanceId ins-x | Unregister-ClbTarget removes it everywhere' {
        $lb2 = (New-ClbTestLoadBalancer).LoadBalancerId
        $other = New-TestListener $lb2 80
        Register-ClbTarget -LoadBalancerId $lb2 -ListenerId $other -InstanceId ins-cccc0001 -Port 80
        Register-ClbTarget -LoadBalancerId $Lb -ListenerId $L2 -InstanceId ins-cccc0001 -Port 80
        Find-ClbTargetBinding -InstanceId ins-cccc0001 | Unregister-ClbTarget -Force
        Get-Bound $lb2 $other | Should -BeNullOrEmpty
        Get-Bound $Lb $L2 | Should -Not -Contain 'ins-cccc0001:80=10'
        @(Find-ClbTargetBinding -InstanceId ins-cccc0001).Count | Should -Be 0
    }

    It 'unregisters piped Get-ClbTarget output and emits it with -PassThru' {
        $out = Get-ClbTarget -LoadBalancerId $Lb -ListenerId $Http -LocationId $Loc | Unregister-ClbTarget -Force -PassThru
        @($out).Count | Should -Be 2
        Get-Bound $Lb $Http $Loc | Should -BeNullOrEmpty
    }

    It '-WhatIf sends nothing even with -Force' {
        $before = Get-ClbEmulatorCallCount $Emu 'DeregisterTargets'
        Unregister-ClbTarget -LoadBalancerId $Lb -ListenerId $L2 -InstanceId ins-aaaa0003 -Port 80 -Force -WhatIf
        Get-ClbEmulatorCallCount $Emu 'DeregisterTargets' | Should -Be $before
        Get-Bound $Lb $L2 | Should -Contain 'ins-aaaa0003:80=10'
    }

    It 'reports a target that is not bound as an error' {
        Unregister-ClbTarget -LoadBalancerId $Lb -ListenerId $L2 -InstanceId ins-dddd0001 -Port 80 -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike '*,ClbPowerShell.Cmdlets.Targets.UnregisterClbTargetCommand'
    }
}

Describe 'Sync-ClbTarget' {
    BeforeAll {
        $script:SyncL = New-TestListener $Lb 90
        Register-ClbTarget -LoadBalancerId $Lb -ListenerId $SyncL -InstanceId ins-eeee0001, ins-eeee0002, ins-eeee0003 -Port 80 -Weight 10
    }

    It '-WhatIf prints one line per change and sends nothing' {
        $calls = 'RegisterTargets', 'DeregisterTargets', 'ModifyTargetWeight', 'ModifyTargetPort', 'BatchRegisterTargets', 'BatchDeregisterTargets', 'BatchModifyTargetWeight' |
            ForEach-Object { Get-ClbEmulatorCallCount $Emu $_ }
        # "What if:" lines go to the host, not to a stream: run the command in a child pwsh and read its output.
        $module = Join-Path $script:RepoRoot 'out/ClbPowerShell/ClbPowerShell.psd1'
        $command = "Import-Module '$module'; " +
            "Connect-Clb -SecretId '$script:TestSecretId' -SecretKey (ConvertTo-SecureString '$script:TestSecretKey' -AsPlainText -Force) -Region '$script:TestRegion' -Endpoint '$($Emu.Url)' | Out-Null; " +
            "Sync-ClbTarget -LoadBalancerId $Lb -ListenerId $SyncL -Target @{ InstanceId = 'ins-eeee0001'; Port = 80; Weight = 50 }, @{ InstanceId = 'ins-eeee0004'; Port = 80 } -WhatIf"
        $text = & (Get-Process -Id $PID).Path -NoProfile -NonInteractive -Command $command | Out-String
        ([regex]::Matches($text, 'What if:')).Count | Should -Be 4
        $text | Should -Match 'ins-eeee0001:80.*Set weight 10 -> 50'
        $text | Should -Match 'ins-eeee0004:80.*Register'
        $text | Should -Match 'ins-eeee0002:80.*Deregister'
        $text | Should -Match 'ins-eeee0003:80.*Deregister'
        $after = 'RegisterTargets', 'DeregisterTargets', 'ModifyTargetWeight', 'ModifyTargetPort', 'BatchRegisterTargets', 'BatchDeregisterTargets', 'BatchModifyTargetWeight' |
            ForEach-Object { Get-ClbEmulatorCallCount $Emu $_ }
        $after | Should -Be $calls
        Get-Bound $Lb $SyncL | Should -Be @('ins-eeee0001:80=10', 'ins-eeee0002:80=10', 'ins-eeee0003:80=10')
    }

    It 'makes the listener equal the desired set, draining the leavers first' {
        $weightCalls = (Get-ClbEmulatorCallCount $Emu 'ModifyTargetWeight') + (Get-ClbEmulatorCallCount $Emu 'BatchModifyTargetWeight')
        $out = Sync-ClbTarget -LoadBalancerId $Lb -ListenerId $SyncL -Drain 1 -PassThru -Target @(
            @{ InstanceId = 'ins-eeee0001'; Port = 80; Weight = 50 }
            @{ InstanceId = 'ins-eeee0002'; Port = 8080 }
            @{ EniIp = '10.0.5.5'; Port = 80; Weight = 20 }
        )
        Get-Bound $Lb $SyncL | Should -Be @('10.0.5.5:80=20', 'ins-eeee0001:80=50', 'ins-eeee0002:8080=10')
        @($out).Count | Should -Be 3
        # one weight call for ins-eeee0001, one to drain ins-eeee0003
        (Get-ClbEmulatorCallCount $Emu 'ModifyTargetWeight') + (Get-ClbEmulatorCallCount $Emu 'BatchModifyTargetWeight') - $weightCalls | Should -Be 2
    }

    It 'takes the desired set from piped ClbTarget objects' {
        $copy = New-TestListener $Lb 91
        Get-ClbTarget -LoadBalancerId $Lb -ListenerId $SyncL | Sync-ClbTarget -LoadBalancerId $Lb -ListenerId $copy
        Get-Bound $Lb $copy | Should -Be (Get-Bound $Lb $SyncL)
    }

    It 'an empty desired set removes everything' {
        Sync-ClbTarget -LoadBalancerId $Lb -ListenerId $SyncL -Target @()
        Get-Bound $Lb $SyncL | Should -BeNullOrEmpty
    }

    It 'refuses unreadable targets before sending' {
        $before = Get-ClbEmulatorCallCount $Emu 'DescribeTargets'
        { Sync-ClbTarget -LoadBalancerId $Lb -ListenerId $SyncL -Target @{ Port = 80 } } | Should -Throw -ErrorId 'InvalidParameter.Target*'
        { Sync-ClbTarget -LoadBalancerId $Lb -ListenerId $SyncL -Target @{ InstanceId = 'ins-eeee0001'; Port = 80 }, @{ InstanceId = 'ins-eeee0001'; Port = 80 } } | Should -Throw -ErrorId 'InvalidParameter.Target*'
        { Sync-ClbTarget -LoadBalancerId $Lb -ListenerId $SyncL -Target @{ InstanceId = 'ins-eeee0001'; Port = 80; Weight = 500 } } | Should -Throw -ErrorId 'InvalidParameter.Target*'
        Get-ClbEmulatorCallCount $Emu 'DescribeTargets' | Should -Be $before
    }

    It 'reports an unknown listener with an error' {
        Sync-ClbTarget -LoadBalancerId $Lb -ListenerId lbl-zzzzzzzz -Target @() -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ListenerIdNotFound*'
    }
}
