# Redirect, SNAT, security group and certificate cmdlets against the emulator process:
# Get-/New-/Remove-ClbRewrite, Add-/Remove-ClbSnatIp, Set-ClbSecurityGroup, Add-/Remove-ClbSecurityGroupBinding,
# Get-ClbCertificateBinding, Update-ClbCertificate.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator
    Connect-ClbTest $script:Emu

    function New-NetTestListener {
        param([string] $LoadBalancerId, [string] $Protocol = 'HTTP', [int] $Port = 80, [hashtable] $Certificate)
        $p = @{ LoadBalancerId = $LoadBalancerId; Protocol = $Protocol; Ports = @($Port) }
        if ($Certificate) { $p.Certificate = $Certificate }
        elseif ($Protocol -in 'HTTPS', 'TCP_SSL') { $p.Certificate = @{ CertId = 'cert-abc12345' } }
        $r = Invoke-ClbApi -Action CreateListener -Parameter $p -Confirm:$false
        Wait-ClbTask -TaskId $r.RequestId | Out-Null
        [pscustomobject]@{ LoadBalancerId = $LoadBalancerId; ListenerId = @($r.ListenerIds)[0]; Protocol = $Protocol; Port = $Port; Region = 'ap-guangzhou' }
    }

    function Add-NetTestRule {
        <# Rules through the raw API; returns the LocationIds in order. #>
        param($Listener, [string] $Domain, [string[]] $Url)
        $rules = @($Url | ForEach-Object { @{ Domain = $Domain; Url = $_ } })
        $r = Invoke-ClbApi -Action CreateRule -Parameter @{ LoadBalancerId = $Listener.LoadBalancerId; ListenerId = $Listener.ListenerId; Rules = $rules } -Confirm:$false
        Wait-ClbTask -TaskId $r.RequestId | Out-Null
        , @($r.LocationIds)
    }

    function Get-NetTestGroups {
        <# The load balancer's security groups, in order, as one comma-joined string ('' for none). #>
        param([string] $LoadBalancerId)
        $lb = Get-ClbLoadBalancer -LoadBalancerId $LoadBalancerId
        @($lb.SecureGroups) -join ','
    }

    $script:RewriteType = 'ClbPowerShell.Client.Operations.ClbRewrite'
    $script:BindingType = 'ClbPowerShell.Client.Operations.ClbCertificateBinding'
    $script:LbType = 'ClbPowerShell.Client.Models.LoadBalancer'
    $script:TaskType = 'ClbPowerShell.Client.Operations.ClbTask'
}
AfterAll { Stop-ClbTestEmulator $script:Emu }

Describe 'Redirects' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'net-rewrite'
        $script:Http = New-NetTestListener $script:Lb.LoadBalancerId HTTP 8080
        $script:Https = New-NetTestListener $script:Lb.LoadBalancerId HTTPS 443
        $script:From = Add-NetTestRule $script:Http 'www.example.com' '/a', '/b', '/c'
        $script:To = Add-NetTestRule $script:Https 'www.example.com' '/a', '/b', '/c'
    }

    It 'New-ClbRewrite makes redirect pairs and emits them with their context' {
        $made = New-ClbRewrite -LoadBalancerId $script:Lb.LoadBalancerId -SourceListenerId $script:Http.ListenerId -TargetListenerId $script:Https.ListenerId `
            -SourceLocationId $script:From[0], $script:From[1] -TargetLocationId $script:To[0], $script:To[1] -RewriteCode 307 -TakeUrl -Confirm:$false
        $made | Should -HaveCount 2
        $made | ForEach-Object { $_ | Should -BeOfType ([type]$script:RewriteType) }
        $a = $made | Where-Object SourceLocationId -eq $script:From[0]
        $a.TargetLocationId | Should -Be $script:To[0]
        $a.TargetListenerId | Should -Be $script:Https.ListenerId
        $a.SourceListenerId | Should -Be $script:Http.ListenerId
        $a.Url | Should -Be '/a'
        $a.RewriteCode | Should -Be 307
        $a.TakeUrl | Should -BeTrue
        $a.RewriteType | Should -Be 'Manual'
        $a.Region | Should -Be 'ap-guangzhou'
        $a.LoadBalancerId | Should -Be $script:Lb.LoadBalancerId
    }

    It 'Get-ClbRewrite lists the redirects, from a piped load balancer, listener or rule' {
        ($script:Lb | Get-ClbRewrite) | Should -HaveCount 2
        ($script:Https | Get-ClbRewrite) | Should -BeNullOrEmpty
        (Get-ClbListener -LoadBalancerId $script:Lb.LoadBalancerId -ListenerId $script:Http.ListenerId | Get-ClbRewrite) | Should -HaveCount 2
        $one = Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId -LocationId $script:From[1] | Get-ClbRewrite
        $one.TargetLocationId | Should -Be $script:To[1]
    }

    It 'refuses unequal pairs before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ManualRewrite'
        { New-ClbRewrite $script:Lb.LoadBalancerId -SourceListenerId $script:Http.ListenerId -TargetListenerId $script:Https.ListenerId `
            -SourceLocationId $script:From[2] -TargetLocationId $script:To[1], $script:To[2] -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.TargetLocationId*'
        { New-ClbRewrite $script:Lb.LoadBalancerId -SourceListenerId $script:Http.ListenerId -TargetListenerId $script:Https.ListenerId `
            -SourceLocationId $script:From[2] -TargetLocationId 'location-1' -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Get-ClbEmulatorCallCount $script:Emu 'ManualRewrite' | Should -Be $before
    }

    It '-WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ManualRewrite'
        New-ClbRewrite $script:Lb.LoadBalancerId -SourceListenerId $script:Http.ListenerId -TargetListenerId $script:Https.ListenerId `
            -SourceLocationId $script:From[2] -TargetLocationId $script:To[2] -WhatIf | Should -BeNullOrEmpty
        Get-ClbEmulatorCallCount $script:Emu 'ManualRewrite' | Should -Be $before
        $del = Get-ClbEmulatorCallCount $script:Emu 'DeleteRewrite'
        Get-ClbRewrite $script:Lb.LoadBalancerId | Remove-ClbRewrite -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'DeleteRewrite' | Should -Be $del
        (Get-ClbRewrite $script:Lb.LoadBalancerId) | Should -HaveCount 2
    }

    It 'reports a rule that already redirects with the service error code' {
        New-ClbRewrite $script:Lb.LoadBalancerId -SourceListenerId $script:Http.ListenerId -TargetListenerId $script:Https.ListenerId `
            -SourceLocationId $script:From[0] -TargetLocationId $script:To[2] -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter.RewriteAlreadyExist,ClbPowerShell.Cmdlets.Rewrites.NewClbRewriteCommand'
    }

    It 'Remove-ClbRewrite deletes piped redirects in one request per listener pair' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DeleteRewrite'
        $gone = Get-ClbRewrite $script:Lb.LoadBalancerId | Remove-ClbRewrite -Force -PassThru
        Get-ClbEmulatorCallCount $script:Emu 'DeleteRewrite' | Should -Be ($before + 1)
        $gone | Should -HaveCount 2
        Get-ClbRewrite $script:Lb.LoadBalancerId | Should -BeNullOrEmpty
        (Get-ClbRule -LoadBalancerId $script:Lb.LoadBalancerId) | Should -HaveCount 6
    }

    It 'Remove-ClbRewrite reports a redirect that does not exist' {
        Remove-ClbRewrite $script:Lb.LoadBalancerId -SourceListenerId $script:Http.ListenerId -TargetListenerId $script:Https.ListenerId `
            -SourceLocationId $script:From[0] -TargetLocationId $script:To[0] -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter.SomeRewriteNotFound,ClbPowerShell.Cmdlets.Rewrites.RemoveClbRewriteCommand'
    }

    It 'New-ClbRewrite -Auto redirects HTTP:80 to a piped HTTPS listener for the chosen domains' {
        $lb = New-ClbTestLoadBalancer -Name 'net-auto'
        $https = New-NetTestListener $lb.LoadBalancerId HTTPS 443
        $a = Add-NetTestRule $https 'a.example.com' '/'
        Add-NetTestRule $https 'b.example.com' '/' | Out-Null
        $made = Get-ClbListener -LoadBalancerId $lb.LoadBalancerId | New-ClbRewrite -Auto -Domain 'a.example.com' -RewriteCode 302 -Confirm:$false
        $made | Should -HaveCount 1
        $made.TargetLocationId | Should -Be $a[0]
        $made.RewriteType | Should -Be 'Auto'
        $made.RewriteCode | Should -Be 302
        $http = Get-ClbListener -LoadBalancerId $lb.LoadBalancerId -ListenerId $made.SourceListenerId
        $http.Protocol | Should -Be 'HTTP'
        $http.Port | Should -Be 80
    }

    It '-Auto refuses -RewriteCode without -Domain, and a non-HTTPS listener is reported by the service' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'AutoRewrite'
        { New-ClbRewrite $script:Lb.LoadBalancerId -Auto -ListenerId $script:Https.ListenerId -RewriteCode 301 -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.RewriteCode*'
        Get-ClbEmulatorCallCount $script:Emu 'AutoRewrite' | Should -Be $before
        New-ClbRewrite $script:Lb.LoadBalancerId -Auto -ListenerId $script:Http.ListenerId -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'InvalidParameter.ProtocolCheckFailed,*'
    }
}

Describe 'SNAT IPs' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb = New-ClbTestLoadBalancer -Name 'net-snat'
    }

    It 'Add-ClbSnatIp -Wait emits the load balancer with the new addresses' {
        $lb = $script:Lb | Add-ClbSnatIp -SubnetId 'subnet-abcd1234' -Count 2 -Wait -Confirm:$false
        $lb | Should -BeOfType ([type]$script:LbType)
        $lb.SnatPro | Should -BeTrue
        @($lb.SnatIps) | Should -HaveCount 2
        @($lb.SnatIps.SubnetId | Sort-Object -Unique) | Should -Be 'subnet-abcd1234'
    }

    It 'without -Wait emits a task that Wait-ClbTask follows' {
        $task = Add-ClbSnatIp $script:Lb.LoadBalancerId -SnatIp @{ SubnetId = 'subnet-abcd1234'; Ip = '10.0.5.5' }, @{ subnetid = 'subnet-efgh5678'; ip = '10.0.6.6' } -Confirm:$false
        $task | Should -BeOfType ([type]$script:TaskType)
        $task.Action | Should -Be 'CreateLoadBalancerSnatIps'
        $task | Wait-ClbTask | Out-Null
        $ips = (Get-ClbLoadBalancer -LoadBalancerId $script:Lb.LoadBalancerId).SnatIps
        $ips.Ip | Should -Contain '10.0.5.5'
        ($ips | Where-Object Ip -eq '10.0.6.6').SubnetId | Should -Be 'subnet-efgh5678'
    }

    It 'refuses bad entries before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'CreateLoadBalancerSnatIps'
        { Add-ClbSnatIp $script:Lb.LoadBalancerId -SnatIp @{ Subnet = 'subnet-abcd1234' } -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.SnatIp*'
        { Add-ClbSnatIp $script:Lb.LoadBalancerId -SnatIp @{ SubnetId = 'subnet-abcd1234'; Ip = '10.0.0.300' } -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.SnatIp*'
        { Add-ClbSnatIp $script:Lb.LoadBalancerId -SubnetId 'subnet-abcd1234' -Ip '10.0.0.9' -Count 2 -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.Count*'
        { Add-ClbSnatIp $script:Lb.LoadBalancerId -SubnetId 'sub-1' -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Add-ClbSnatIp $script:Lb.LoadBalancerId -SubnetId 'subnet-abcd1234' -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'CreateLoadBalancerSnatIps' | Should -Be $before
    }

    It 'reports the service limit of 10 addresses' {
        Add-ClbSnatIp $script:Lb.LoadBalancerId -SubnetId 'subnet-abcd1234' -Count 10 -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'LimitExceeded,ClbPowerShell.Cmdlets.LoadBalancers.AddClbSnatIpCommand'
    }

    It 'Remove-ClbSnatIp -WhatIf sends nothing; -Force -Wait removes and emits the load balancer' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'DeleteLoadBalancerSnatIps'
        Remove-ClbSnatIp $script:Lb.LoadBalancerId -Ip '10.0.5.5' -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'DeleteLoadBalancerSnatIps' | Should -Be $before
        $lb = $script:Lb | Remove-ClbSnatIp -Ip '10.0.5.5', '10.0.6.6' -Force -Wait
        $lb.SnatIps.Ip | Should -Not -Contain '10.0.5.5'
        @($lb.SnatIps) | Should -HaveCount 2
    }

    It 'Remove-ClbSnatIp reports an address that is not bound' {
        $task = Remove-ClbSnatIp $script:Lb.LoadBalancerId -Ip '10.9.9.9' -Force -ErrorVariable err -ErrorAction SilentlyContinue
        $task | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter,ClbPowerShell.Cmdlets.LoadBalancers.RemoveClbSnatIpCommand'
    }
}

Describe 'Security groups' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:A = New-ClbTestLoadBalancer -Name 'net-sg-a'
        $script:B = New-ClbTestLoadBalancer -Name 'net-sg-b'
    }

    It 'Set-ClbSecurityGroup replaces the set, -PassThru emits the load balancer, and @() clears it' {
        $lb = $script:A | Set-ClbSecurityGroup -SecurityGroupId 'sg-aaaa0001', 'sg-aaaa0002' -PassThru -Confirm:$false
        $lb | Should -BeOfType ([type]$script:LbType)
        $lb.SecureGroups | Should -Be @('sg-aaaa0001', 'sg-aaaa0002')
        Set-ClbSecurityGroup $script:A.LoadBalancerId -SecurityGroupId @() -Confirm:$false | Should -BeNullOrEmpty
        Get-NetTestGroups $script:A.LoadBalancerId | Should -Be ''
    }

    It 'refuses malformed group ids and -WhatIf sends nothing' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'SetLoadBalancerSecurityGroups'
        { Set-ClbSecurityGroup $script:A.LoadBalancerId -SecurityGroupId 'group-1' -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
        Set-ClbSecurityGroup $script:A.LoadBalancerId -SecurityGroupId 'sg-aaaa0003' -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'SetLoadBalancerSecurityGroups' | Should -Be $before
    }

    It 'Add-ClbSecurityGroupBinding binds piped load balancers in one request, keeping their groups' {
        Set-ClbSecurityGroup $script:A.LoadBalancerId -SecurityGroupId 'sg-keep0001' -Confirm:$false
        $before = Get-ClbEmulatorCallCount $script:Emu 'SetSecurityGroupForLoadbalancers'
        $out = $script:A, $script:B | Add-ClbSecurityGroupBinding -SecurityGroupId 'sg-bind0001' -PassThru -Confirm:$false
        Get-ClbEmulatorCallCount $script:Emu 'SetSecurityGroupForLoadbalancers' | Should -Be ($before + 1)
        $out | Should -HaveCount 2
        Get-NetTestGroups $script:A.LoadBalancerId | Should -Be 'sg-keep0001,sg-bind0001'
        Get-NetTestGroups $script:B.LoadBalancerId | Should -Be 'sg-bind0001'
    }

    It 'Remove-ClbSecurityGroupBinding -WhatIf sends nothing; -Force unbinds only that group' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'SetSecurityGroupForLoadbalancers'
        $script:A.LoadBalancerId, $script:B.LoadBalancerId | Remove-ClbSecurityGroupBinding -SecurityGroupId 'sg-bind0001' -WhatIf
        Get-ClbEmulatorCallCount $script:Emu 'SetSecurityGroupForLoadbalancers' | Should -Be $before
        $script:A.LoadBalancerId, $script:B.LoadBalancerId | Remove-ClbSecurityGroupBinding -SecurityGroupId 'sg-bind0001' -Force | Should -BeNullOrEmpty
        Get-NetTestGroups $script:A.LoadBalancerId | Should -Be 'sg-keep0001'
        Get-NetTestGroups $script:B.LoadBalancerId | Should -Be ''
    }

    It 'reports an unknown load balancer with its error code' {
        Add-ClbSecurityGroupBinding 'sg-bind0001' 'lb-nothere1' -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -Be 'InvalidParameter.LBIdNotFound,ClbPowerShell.Cmdlets.Security.AddClbSecurityGroupBindingCommand'
    }
}

Describe 'Certificates' {
    BeforeAll {
        Invoke-ClbEmulatorControl $script:Emu 'reset' -Method POST | Out-Null
        $script:Lb1 = New-ClbTestLoadBalancer -Name 'net-cert-1'
        $script:Lb2 = New-ClbTestLoadBalancer -Name 'net-cert-2'
        $script:L1 = New-NetTestListener $script:Lb1.LoadBalancerId HTTPS 443 -Certificate @{ CertId = 'cert-old00001' }
        $script:L2 = New-NetTestListener $script:Lb2.LoadBalancerId TCP_SSL 8443 -Certificate @{ CertId = 'cert-srv00002'; CertCaId = 'cert-old00001'; SSLMode = 'MUTUAL' }
    }

    It 'Get-ClbCertificateBinding finds each listener using the certificate, as server or CA' {
        $b = Get-ClbCertificateBinding -CertificateId 'cert-old00001', 'cert-unused01'
        $b | Should -HaveCount 2
        $b | ForEach-Object { $_ | Should -BeOfType ([type]$script:BindingType) }
        $server = $b | Where-Object Usage -eq 'Server'
        $server.ListenerId | Should -Be $script:L1.ListenerId
        $server.LoadBalancerId | Should -Be $script:Lb1.LoadBalancerId
        $server.Protocol | Should -Be 'HTTPS'
        $server.Region | Should -Be 'ap-guangzhou'
        ($b | Where-Object Usage -eq 'CA').ListenerId | Should -Be $script:L2.ListenerId
    }

    It 'chains into Get-ClbListener' {
        $listeners = 'cert-old00001' | Get-ClbCertificateBinding | Get-ClbListener
        ($listeners.ListenerId | Sort-Object) | Should -Be (@($script:L1.ListenerId, $script:L2.ListenerId) | Sort-Object)
    }

    It 'Update-ClbCertificate -WhatIf sends nothing, and bad input is refused before sending' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ReplaceCertForLoadBalancers'
        Update-ClbCertificate -CertificateId 'cert-old00001' -NewCertificateId 'cert-new00001' -WhatIf
        { Update-ClbCertificate -CertificateId 'cert-old00001' -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.NewCertificateId*'
        { Update-ClbCertificate -CertificateId 'cert-old00001' -CertificateContent 'PEM' -Confirm:$false } | Should -Throw -ErrorId 'InvalidParameter.CertificateKey*'
        Get-ClbEmulatorCallCount $script:Emu 'ReplaceCertForLoadBalancers' | Should -Be $before
        (Get-ClbCertificateBinding 'cert-old00001') | Should -HaveCount 2
    }

    It 'never shows the private key in verbose, debug, WhatIf or error output' {
        $secret = 'PRIVATE-KEY-must-not-leak-42'
        $key = ConvertTo-SecureString $secret -AsPlainText -Force
        $all = Update-ClbCertificate -CertificateId 'cert-nothing1' -CertificateContent 'PEM-TEXT' -CertificateKey $key -WhatIf -Verbose 4>&1 5>&1 6>&1 | Out-String
        $all | Should -Not -Match $secret
        $DebugPreference = 'Continue'
        $all = Update-ClbCertificate -CertificateId 'cert-nothing1' -CertificateContent 'PEM-TEXT' -CertificateKey $key -Confirm:$false -Verbose -Debug *>&1 | Out-String
        $all | Should -Match 'ReplaceCertForLoadBalancers'
        $all | Should -Not -Match $secret
    }

    It 'replaces the certificate everywhere once for piped bindings and -PassThru shows the same places' {
        $before = Get-ClbEmulatorCallCount $script:Emu 'ReplaceCertForLoadBalancers'
        $now = Get-ClbCertificateBinding 'cert-old00001' | Update-ClbCertificate -CertificateCaId 'cert-new00001' -NewCertificateId 'cert-new00002' -PassThru -Confirm:$false
        Get-ClbEmulatorCallCount $script:Emu 'ReplaceCertForLoadBalancers' | Should -Be ($before + 1)
        $now | Should -HaveCount 2
        ($now | Where-Object ListenerId -eq $script:L1.ListenerId).CertificateId | Should -Be 'cert-new00002'
        ($now | Where-Object ListenerId -eq $script:L2.ListenerId).CertificateId | Should -Be 'cert-new00001'
        Get-ClbCertificateBinding 'cert-old00001' | Should -BeNullOrEmpty
        (Get-ClbCertificateBinding 'cert-srv00002').ListenerId | Should -Be $script:L2.ListenerId
    }

    It 'uploads new content in place of the old certificate' {
        $key = ConvertTo-SecureString 'KEY' -AsPlainText -Force
        $now = Update-ClbCertificate 'cert-new00002' -CertificateContent 'PEM' -CertificateKey $key -CertificateName 'web' -PassThru -Confirm:$false
        $now.ListenerId | Should -Be $script:L1.ListenerId
        $now.CertificateId | Should -Not -Be 'cert-new00002'
    }
}
