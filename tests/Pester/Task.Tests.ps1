# Get-ClbTask and Wait-ClbTask against the emulator process. Tasks take 500 ms on the main emulator, so
# they are really running when first seen; a second emulator with 5-second tasks drives -Timeout.

BeforeAll {
    . $PSScriptRoot/Common.ps1
    $script:Emu = Start-ClbTestEmulator -TaskDurationMs 500
    Connect-ClbTest $script:Emu
    $script:GetType = 'ClbPowerShell.Cmdlets.Tasks.GetClbTaskCommand'
    $script:WaitType = 'ClbPowerShell.Cmdlets.Tasks.WaitClbTaskCommand'
    $script:Lb = New-ClbTestLoadBalancer

    function New-TestLoadBalancerTask([string] $Endpoint) {
        # Starts CreateLoadBalancer without waiting and returns the ClbTask.
        $name = 'task-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        if ($Endpoint) { New-ClbLoadBalancer -Name $name -Endpoint $Endpoint -Confirm:$false }
        else { New-ClbLoadBalancer -Name $name -Confirm:$false }
    }
}

AfterAll {
    Disconnect-Clb -Confirm:$false
    Stop-ClbTestEmulator $script:Emu
}

Describe 'Get-ClbTask' {
    It 'reports Succeeded for the task of an Invoke-ClbApi CreateListener call (its RequestId)' {
        $answer = Invoke-ClbApi CreateListener @{ LoadBalancerId = $script:Lb.LoadBalancerId; Ports = @(8081); Protocol = 'TCP' } -Confirm:$false
        $taskId = $answer.RequestId
        $taskId | Should -Not -BeNullOrEmpty

        # Poll with Get-ClbTask itself (bounded) until the task leaves Running.
        $task = Get-ClbTask -TaskId $taskId
        for ($i = 0; $i -lt 100 -and $task.Status -eq 'Running'; $i++) {
            Start-Sleep -Milliseconds 200
            $task = Get-ClbTask -TaskId $taskId
        }
        $task | Should -BeOfType 'ClbPowerShell.Client.Operations.ClbTask'
        $task.TaskId | Should -Be $taskId
        $task.Status | Should -Be 'Succeeded'
        $task.EndTime | Should -Not -BeNullOrEmpty
        $task.Region | Should -Be 'ap-guangzhou'
    }

    It 'makes exactly one DescribeTaskStatus call per task and does not wait' {
        $task = New-TestLoadBalancerTask
        $before = Get-ClbEmulatorCallCount $script:Emu -Action DescribeTaskStatus
        $seen = $task | Get-ClbTask
        Get-ClbEmulatorCallCount $script:Emu -Action DescribeTaskStatus | Should -Be ($before + 1)
        $seen.TaskId | Should -Be $task.TaskId
        $seen.Status | Should -BeIn @('Running', 'Succeeded')
        $task | Wait-ClbTask | Out-Null
    }

    It 'takes ids from the pipeline, by value and by the TaskId property' {
        $task = New-TestLoadBalancerTask | Wait-ClbTask
        ($task.TaskId | Get-ClbTask).Status | Should -Be 'Succeeded'
        ([pscustomobject]@{ TaskId = $task.TaskId } | Get-ClbTask).Status | Should -Be 'Succeeded'
    }

    It 'reports a CreateLoadBalancer task''s load balancer id' {
        $task = New-TestLoadBalancerTask | Wait-ClbTask
        $seen = Get-ClbTask -TaskId $task.TaskId
        $seen.LoadBalancerIds | Should -HaveCount 1
        $seen.LoadBalancerIds[0] | Should -BeLike 'lb-*'
    }

    It 'writes one error, with the service''s code, for an unknown task id and continues with the others' {
        $good = (New-TestLoadBalancerTask | Wait-ClbTask).TaskId
        $output = Get-ClbTask -TaskId 'a0000000-0000-0000-0000-000000000000', $good -ErrorVariable err -ErrorAction SilentlyContinue
        $output | Should -HaveCount 1
        $output.TaskId | Should -Be $good
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike "InvalidParameter*,$script:GetType"
        $err[0].TargetObject | Should -Be 'a0000000-0000-0000-0000-000000000000'
    }

    It 'refuses a malformed task id before sending anything' {
        $before = Get-ClbEmulatorCallCount $script:Emu -Action DescribeTaskStatus
        { Get-ClbTask -TaskId 'not a task id!' } | Should -Throw -ErrorId "ParameterArgumentValidationError,$script:GetType"
        Get-ClbEmulatorCallCount $script:Emu -Action DescribeTaskStatus | Should -Be $before
    }
}

Describe 'Wait-ClbTask' {
    It 'waits for a task piped from New-ClbLoadBalancer (without -Wait) and emits it Succeeded' {
        $task = New-TestLoadBalancerTask
        $task | Should -BeOfType 'ClbPowerShell.Client.Operations.ClbTask'
        $task.Action | Should -Be 'CreateLoadBalancer'

        $done = $task | Wait-ClbTask
        $done | Should -HaveCount 1
        $done.TaskId | Should -Be $task.TaskId
        $done.Status | Should -Be 'Succeeded'
        $done.EndTime | Should -Not -BeNullOrEmpty
        $done.LoadBalancerId | Should -BeLike 'lb-*'
        (Get-ClbLoadBalancer -LoadBalancerId $done.LoadBalancerId).LoadBalancerId | Should -Be $done.LoadBalancerId
    }

    It 'waits for several tasks at once and emits each of them' {
        $tasks = 1..3 | ForEach-Object { New-TestLoadBalancerTask }
        $tasks | Should -HaveCount 3

        $done = $tasks | Wait-ClbTask
        $done | Should -HaveCount 3
        ($done.TaskId | Sort-Object) | Should -Be ($tasks.TaskId | Sort-Object)
        $done | ForEach-Object { $_.Status | Should -Be 'Succeeded' }
        ($done.LoadBalancerId | Sort-Object -Unique) | Should -HaveCount 3
    }

    It 'takes task ids as strings' {
        $tasks = 1..2 | ForEach-Object { New-TestLoadBalancerTask }
        $done = Wait-ClbTask -TaskId $tasks.TaskId
        $done | Should -HaveCount 2
        $done | ForEach-Object { $_.Status | Should -Be 'Succeeded' }
    }

    It 'waits for the task of an Invoke-ClbApi call' {
        $answer = Invoke-ClbApi CreateListener @{ LoadBalancerId = $script:Lb.LoadBalancerId; Ports = @(8082); Protocol = 'UDP' } -Confirm:$false
        $done = Wait-ClbTask -TaskId $answer.RequestId
        $done.Status | Should -Be 'Succeeded'
        $listeners = Invoke-ClbApi DescribeListeners @{ LoadBalancerId = $script:Lb.LoadBalancerId; ListenerIds = @($answer.ListenerIds) }
        $listeners.Listeners[0].Port | Should -Be 8082
    }

    It 'refuses -Timeout outside 1..86400' {
        { Wait-ClbTask -TaskId 'a0000000-0000-0000-0000-000000000000' -Timeout 0 } |
            Should -Throw -ErrorId "ParameterArgumentValidationError,$script:WaitType"
    }

    It 'an async cmdlet with -Wait emits the resource instead of the task' {
        $lb = New-ClbLoadBalancer -Name ('waited-' + [guid]::NewGuid().ToString('N').Substring(0, 6)) -Wait -Confirm:$false
        $lb | Should -Not -BeOfType 'ClbPowerShell.Client.Operations.ClbTask'
        $lb.LoadBalancerId | Should -BeLike 'lb-*'
    }

    It 'stops promptly when the pipeline is stopped (what Ctrl+C does)' {
        # PowerShell.Stop() is what the host calls on Ctrl+C: it runs StopProcessing, which must cancel the
        # wait (and the request in flight) instead of letting a 60-second task run out.
        $slow = Start-ClbTestEmulator -TaskDurationMs 60000
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($Module, $Url, $Credential)
                Import-Module $Module
                New-ClbLoadBalancer -Name slow -Region ap-guangzhou -Endpoint $Url -Credential $Credential -Confirm:$false |
                    Wait-ClbTask -Credential $Credential -Timeout 600
            }).AddArgument((Join-Path $script:RepoRoot 'out/ClbPowerShell/ClbPowerShell.psd1')).AddArgument($slow.Url).AddArgument((Get-ClbTestCredential))
            $handle = $ps.BeginInvoke()
            # Wait until the task is being polled, so the stop lands in the middle of the wait.
            $deadline = (Get-Date).AddSeconds(30)
            while ((Get-ClbEmulatorCallCount $slow DescribeTaskStatus) -lt 1 -and (Get-Date) -lt $deadline) { Start-Sleep -Milliseconds 100 }
            Get-ClbEmulatorCallCount $slow DescribeTaskStatus | Should -BeGreaterThan 0
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $handle.IsCompleted | Should -BeTrue
        }
        finally {
            $ps.Dispose()
            Stop-ClbTestEmulator $slow
        }
    }

    Context 'with a task slower than -Timeout' {
        BeforeAll {
            $script:Slow = Start-ClbTestEmulator -TaskDurationMs 5000
        }
        AfterAll {
            Stop-ClbTestEmulator $script:Slow
        }

        It 'gives up after -Timeout with a TaskTimeout error for that task' {
            # The task carries the slow emulator's endpoint, so Wait-ClbTask follows it there.
            $task = New-TestLoadBalancerTask -Endpoint $script:Slow.Url
            $task.Endpoint | Should -BeLike "$($script:Slow.Url)*"

            $output = $task | Wait-ClbTask -Timeout 1 -ErrorVariable err -ErrorAction SilentlyContinue
            $output | Should -BeNullOrEmpty
            $err | Should -HaveCount 1
            $err[0].FullyQualifiedErrorId | Should -Be "TaskTimeout,$script:WaitType"
            $err[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $err[0].TargetObject.TaskId | Should -Be $task.TaskId
            $err[0].Exception.Message | Should -BeLike "*$($task.TaskId)*"
        }

        It 'with -ErrorAction Stop the timeout is thrown' {
            $task = New-TestLoadBalancerTask -Endpoint $script:Slow.Url
            { $task | Wait-ClbTask -Timeout 1 -ErrorAction Stop } | Should -Throw -ErrorId "TaskTimeout,$script:WaitType"
        }

        It 'a slow task timing out does not stop a fast one in the same call' {
            $fast = New-TestLoadBalancerTask
            $slow = New-TestLoadBalancerTask -Endpoint $script:Slow.Url
            $output = $fast, $slow | Wait-ClbTask -Timeout 2 -ErrorVariable err -ErrorAction SilentlyContinue
            $output | Should -HaveCount 1
            $output.TaskId | Should -Be $fast.TaskId
            $output.Status | Should -Be 'Succeeded'
            $err | Should -HaveCount 1
            $err[0].TargetObject.TaskId | Should -Be $slow.TaskId
        }

        It 'the timed-out task can be waited for again and then succeeds' {
            $task = New-TestLoadBalancerTask -Endpoint $script:Slow.Url
            $task | Wait-ClbTask -Timeout 1 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            ($task | Wait-ClbTask -Timeout 60).Status | Should -Be 'Succeeded'
        }
    }
}
