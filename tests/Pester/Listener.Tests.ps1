# Listener cmdlets against the emulator process: Get-/New-/Set-/Remove-ClbListener.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    Connect-ClbTest $script:Emu
}
AfterAll { Stop-ClbTestEmulator $script:Emu }

Describe 'New-ClbListener' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'listeners'
    }

    It 'creates several ports from the pipeline and emits the listeners with -Wait' {
        $created = $script:Lb | New-ClbListener -Protocol TCP -Port 80, 8080 -Name web, alt -HealthCheckInterval 10 -HealthCheckTimeout 3 -Scheduler LEAST_CONN -SessionExpireTime 60 -Wait -Confirm:$false
        $created | Should -HaveCount 2
        $created | ForEach-Object { $_ | Should -BeOfType ([ClbPowerShell.Client.Models.Listener]) }
        ($created.Port) | Should -Be @(80, 8080)
        ($created.ListenerName) | Should -Be @('web', 'alt')
        $created[0].LoadBalancerId | Should -Be $script:Lb.LoadBalancerId
        $created[0].Region | Should -Be 'ap-guangzhou'
        $created[0].Scheduler | Should -Be 'LEAST_CONN'
        $created[0].HealthCheck.IntervalTime | Should -Be 10
        $created[0].SessionExpireTime | Should -Be 60
    }

    It 'emits a task naming the listener without -Wait' {
        $task = New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol HTTPS -Port 443 -CertificateId 'cert-abc12345' -Confirm:$false
        $task.Action | Should -Be 'CreateListener'
        $task.ResourceId | Should -Match '^lbl-'
        (Get-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $task.ResourceId).Protocol | Should -Be 'HTTPS'
    }

    It 'takes health check settings as a hashtable' {
        $l = New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol UDP -Port 53 -HealthCheck @{ HealthSwitch = 1; HealthNum = 4 } -UnhealthyThreshold 5 -Wait -Confirm:$false
        $l.HealthCheck.HealthNum | Should -Be 4
        $l.HealthCheck.UnHealthNum | Should -Be 5
    }

    It 'reports a port in use with PortCheckFailed' {
        New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol TCP -Port 80 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter.PortCheckFailed,ClbPowerShell.Cmdlets.Listeners.NewClbListenerCommand'
    }

    It 'refuses <Case> before sending' -ForEach @(
        @{ Case = 'a certificate on TCP'; Params = @{ Protocol = 'TCP'; Port = 9001; CertificateId = 'cert-1' }; Id = 'InvalidParameter.CertificateId*' }
        @{ Case = 'a certificate on HTTP'; Params = @{ Protocol = 'HTTP'; Port = 9002; CertificateId = 'cert-1' }; Id = 'InvalidParameter.CertificateId*' }
        @{ Case = 'HTTPS without a certificate'; Params = @{ Protocol = 'HTTPS'; Port = 9003 }; Id = 'InvalidParameter.CertificateId*' }
        @{ Case = 'TCP_SSL without a certificate'; Params = @{ Protocol = 'TCP_SSL'; Port = 9004 }; Id = 'InvalidParameter.CertificateId*' }
        @{ Case = 'a scheduler on HTTP'; Params = @{ Protocol = 'HTTP'; Port = 9005; Scheduler = 'WRR' }; Id = 'InvalidParameter.Scheduler*' }
        @{ Case = 'a session time of 10'; Params = @{ Protocol = 'TCP'; Port = 9006; SessionExpireTime = 10 }; Id = 'InvalidParameter.SessionExpireTime*' }
        @{ Case = 'a timeout not below the interval'; Params = @{ Protocol = 'TCP'; Port = 9007; HealthCheckTimeout = 10; HealthCheckInterval = 5 }; Id = 'InvalidParameter.HealthCheckTimeout*' }
        @{ Case = 'fewer names than ports'; Params = @{ Protocol = 'TCP'; Port = 9008, 9009; Name = 'one' }; Id = 'InvalidParameter.Name*' }
        @{ Case = 'an unknown health check key'; Params = @{ Protocol = 'TCP'; Port = 9010; HealthCheck = @{ Bogus = 1 } }; Id = 'InvalidParameter.HealthCheck*' }
    ) {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateListener'
        { New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId @Params -Confirm:$false } | Should -Throw -ErrorId $Id
        Get-ClbEmulatorCallCount $script:Emu 'CreateListener' | Should -Be $before
    }

    It 'refuses a port out of range and a bad protocol through parameter validation' {
        { New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol TCP -Port 70000 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        { New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol SCTP -Port 80 -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It '-WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateListener'
        New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol TCP -Port 7000 -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'CreateListener' | Should -Be $before
    }
}

Describe 'Get-ClbListener' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:A = New-ClbTestLoadBalancer -Name 'a'
        $script:B = New-ClbTestLoadBalancer -Name 'b'
        New-ClbListener -LoadBalancerId $script:A.LoadBalancerId -Protocol TCP -Port 80, 81 -Name tcp-80, tcp-81 -Wait -Confirm:$false | Out-Null
        New-ClbListener -LoadBalancerId $script:B.LoadBalancerId -Protocol UDP -Port 53 -Name dns -Wait -Confirm:$false | Out-Null
    }

    It 'chains from Get-ClbLoadBalancer with LoadBalancerId and Region set' {
        $all = Get-ClbLoadBalancer | Get-ClbListener
        $all | Should -HaveCount 3
        ($all | Where-Object Protocol -eq 'UDP').LoadBalancerId | Should -Be $script:B.LoadBalancerId
        $all | ForEach-Object { $_.Region | Should -Be 'ap-guangzhou' }
    }

    It 'narrows by protocol, port, id and wildcard name' {
        (Get-ClbListener -LoadBalancerId $script:A.LoadBalancerId -Port 81).ListenerName | Should -Be 'tcp-81'
        Get-ClbListener -LoadBalancerId $script:A.LoadBalancerId -Protocol UDP | Should -BeNullOrEmpty
        Get-ClbListener -LoadBalancerId $script:A.LoadBalancerId -Name 'tcp-*' | Should -HaveCount 2
        $one = Get-ClbListener -LoadBalancerId $script:A.LoadBalancerId -Port 80
        (Get-ClbListener -LoadBalancerId $script:A.LoadBalancerId -ListenerId $one.ListenerId).Port | Should -Be 80
    }

    It 'reports a missing load balancer with the service code' {
        Get-ClbListener -LoadBalancerId 'lb-zzzzzzzz' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.LBIdNotFound,*'
    }
}

Describe 'Set-ClbListener' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'set'
        $script:Tcp = New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol TCP -Port 22 -Wait -Confirm:$false
        $script:Http = New-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -Protocol HTTP -Port 80 -Wait -Confirm:$false
    }

    It 'changes a piped listener and emits it with -Wait' {
        $l = $script:Tcp | Set-ClbListener -Name 'ssh' -Scheduler LEAST_CONN -HealthCheckEnabled $false -Wait -Confirm:$false
        $l.ListenerName | Should -Be 'ssh'
        $l.Scheduler | Should -Be 'LEAST_CONN'
        $l.HealthCheck.HealthSwitch | Should -Be 0
    }

    It 'emits a task naming the listener without -Wait' {
        $task = Set-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Tcp.ListenerId -SessionExpireTime 120 -Confirm:$false
        $task.Action | Should -Be 'ModifyListener'
        $task.ResourceId | Should -Be $script:Tcp.ListenerId
    }

    It 'refuses settings that do not fit a piped HTTP listener, before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ModifyListener'
        { $script:Http | Set-ClbListener -Scheduler WRR -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.Scheduler*'
        { $script:Http | Set-ClbListener -CertificateId 'cert-1' -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.CertificateId*'
        { $script:Tcp | Set-ClbListener -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.Name*'
        $script:Tcp | Set-ClbListener -Name 'x' -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'ModifyListener' | Should -Be $before
    }

    It 'lets the service refuse what only it can know (no -Protocol given)' {
        Set-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId -Scheduler WRR -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ProtocolCheckFailed,*'
    }
}

Describe 'Remove-ClbListener' {
    BeforeEach {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:A = New-ClbTestLoadBalancer -Name 'a'
        $script:B = New-ClbTestLoadBalancer -Name 'b'
        New-ClbListener -LoadBalancerId $script:A.LoadBalancerId -Protocol TCP -Port (1000..1024) -Wait -Confirm:$false | Out-Null
        New-ClbListener -LoadBalancerId $script:B.LoadBalancerId -Protocol UDP -Port 53 -Wait -Confirm:$false | Out-Null
    }

    It 'Get-ClbLoadBalancer | Get-ClbListener | Remove-ClbListener -WhatIf sends nothing' {
        Get-ClbLoadBalancer | Get-ClbListener | Remove-ClbListener -WhatIf
        (Get-ClbEmulatorCallCount $script:Emu 'DeleteListener') + (Get-ClbEmulatorCallCount $script:Emu 'DeleteLoadBalancerListeners') | Should -Be 0
        Get-ClbLoadBalancer | Get-ClbListener | Should -HaveCount 26
    }

    It 'groups piped listeners per load balancer: batches of 20 for many, DeleteListener for one' {
        $tasks = Get-ClbLoadBalancer | Get-ClbListener | Remove-ClbListener -Force
        $tasks | Should -HaveCount 3
        Get-ClbEmulatorCallCount $script:Emu 'DeleteLoadBalancerListeners' | Should -Be 2
        Get-ClbEmulatorCallCount $script:Emu 'DeleteListener' | Should -Be 1
        ($tasks | Wait-ClbTask).Status | Sort-Object -Unique | Should -Be 'Succeeded'
        Get-ClbLoadBalancer | Get-ClbListener | Should -BeNullOrEmpty
    }

    It 'emits nothing with -Wait, and the deleted listeners with -PassThru' {
        $one = Get-ClbListener -LoadBalancerId $script:A.LoadBalancerId -Port 1000
        $one | Remove-ClbListener -Force -Wait | Should -BeNullOrEmpty
        $two = Get-ClbListener -LoadBalancerId $script:A.LoadBalancerId -Port 1001
        $out = $two | Remove-ClbListener -Force -Wait -PassThru
        $out.ListenerId | Should -Be $two.ListenerId
        Get-ClbListener -LoadBalancerId $script:A.LoadBalancerId | Should -HaveCount 23
    }

    It 'reports a missing listener with the service code' {
        Remove-ClbListener -LoadBalancerId $script:A.LoadBalancerId -ListenerId 'lbl-zzzzzzzz' -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ListenerIdNotFound,*'
    }
}
