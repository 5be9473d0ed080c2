# Shared code of the PowerShell flashing scripts (flash-firmware.ps1, deploy-app.ps1, provision-node.ps1,
# commission-node.ps1).
# Dot-sourced, not run: each script dot-sources it after Set-StrictMode and $ErrorActionPreference:
#   . (Join-Path (Join-Path $PSScriptRoot 'lib') 'common.ps1')
# Dot-sourcing puts these definitions in the script's own scope, so 'exit' in them ends the script as before.
# What stays in the scripts is their own: help, parameters, checks and the nanoff arguments they build.

# The nanoff executable to run; NANOFF overrides it (e.g. a full path).
$Nanoff = if ($env:NANOFF) { $env:NANOFF } else { 'nanoff' }

function Fail([int]$Code, [string]$Message) {
    [Console]::Error.WriteLine("error: $Message")
    exit $Code
}

function Assert-NoUnknownArgument([string[]]$Rest, [string]$Parameters, [string]$ScriptPath) {
    # Exits 2 naming the first argument no parameter took. $Rest: the script's ValueFromRemainingArguments;
    # $ScriptPath: the script's $PSCommandPath (here it would name this file).
    if ($Rest -and $Rest.Count -gt 0) {
        Fail 2 "unknown argument '$($Rest[0])' (parameters: $Parameters; see Get-Help $ScriptPath)"
    }
}

function Assert-Port([string]$Port, [switch]$NoControlCharacters) {
    # Exits 2 unless $Port is given and looks like a serial port name (no leading '-', no whitespace;
    # with -NoControlCharacters, no control characters either).
    if ([string]::IsNullOrWhiteSpace($Port)) {
        Fail 2 '-Port is required (e.g. -Port COM3)'
    }
    $pattern = if ($NoControlCharacters) { '[\s\p{Cc}]' } else { '\s' }
    if ($Port.StartsWith('-') -or $Port -match $pattern) {
        Fail 2 "-Port '$Port' is not a serial port name"
    }
}

function Get-AppDeployArguments([string]$Port, [string]$Image) {
    # The nanoff arguments that deploy the application image to the node on $Port. --nanodevice makes nanoff ask
    # the running nanoCLR for the deployment address.
    return @('--nanodevice', '--deploy', '--serialport', $Port, '--image', $Image)
}

function Format-NanoffCommand([string[]]$Arguments) {
    # The nanoff command line, as a dry run prints it and as it is echoed before it runs.
    return ((@($Nanoff) + $Arguments) -join ' ')
}

function Test-NanoffInstalled {
    # $true when the nanoff executable ($Nanoff) is found; otherwise prints on stderr how to install it and
    # returns $false (the caller exits 3).
    if (Get-Command $Nanoff -ErrorAction SilentlyContinue) {
        return $true
    }
    [Console]::Error.WriteLine("error: nanoff is not installed (looked for `"$Nanoff`").")
    [Console]::Error.WriteLine('Install it with the .NET SDK:  dotnet tool install -g nanoff')
    [Console]::Error.WriteLine('then make sure %USERPROFILE%\.dotnet\tools (Linux/macOS: ~/.dotnet/tools) is on PATH.')
    return $false
}

function Invoke-Nanoff([string[]]$Arguments, [string]$FailureHint) {
    # Echoes the command on stderr ("+ nanoff ...") and runs it; nanoff's output passes through. When nanoff
    # fails, prints "error: nanoff failed with exit code N (FailureHint)". Nothing is returned: the caller
    # reads nanoff's exit code from $LASTEXITCODE.
    [Console]::Error.WriteLine("+ $(Format-NanoffCommand $Arguments)")
    & $Nanoff @Arguments
    if ($LASTEXITCODE -ne 0) {
        [Console]::Error.WriteLine("error: nanoff failed with exit code $LASTEXITCODE ($FailureHint)")
    }
}
