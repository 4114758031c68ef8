# Get-Help against the module as `dotnet build` lays it out: the MAML help and the about topic in
# out/ClbPowerShell/en-US are generated from docs/help/*.md, so this is what a user sees. No emulator is needed.
BeforeDiscovery {
    . $PSScriptRoot/Common.ps1
    $script:CmdletNames = (Get-Command -Module ClbPowerShell -CommandType Cmdlet).Name | Sort-Object
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
}

Describe 'Get-Help' {
    It '<_> has a synopsis, an example and a description for every parameter' -ForEach $script:CmdletNames {
        $name = $_
        $help = Get-Help $name -Full
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # Without MAML help, Get-Help makes the synopsis out of the syntax ("Get-Foo [-Bar <string>] ...").
        $synopsis | Should -Not -BeLike "$name *"
        $synopsis | Should -Not -Match '\[<CommonParameters>\]'
        @($help.examples.example).Count | Should -BeGreaterThan 0
        "$(@($help.examples.example)[0].code)" | Should -Not -BeNullOrEmpty
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters
        foreach ($parameter in (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin $common }) {
            $described = Get-Help $name -Parameter $parameter
            ($described.description.Text -join "`n").Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter of $name needs a description"
        }
    }

    It 'shows the about_ClbPowerShell topic' {
        $about = Get-Help about_ClbPowerShell | Out-String
        $about | Should -Match 'SHORT DESCRIPTION'
        $about | Should -Match 'Connect-Clb'
    }
}
