<#
.SYNOPSIS
    Deploys the Edge application image onto a node that runs the nanoFramework firmware.

.DESCRIPTION
    Runs: nanoff --nanodevice --deploy --serialport PORT --image IMAGE
    IMAGE is the deployment file of the nanoFramework build: the concatenation of the .pe files of the
    application and of every assembly it references, written next to the .pe files as <AppName>.bin
    (e.g. firmware\Edge.Firmware\bin\Release\Edge.Firmware.bin). --nanodevice makes nanoff ask the running
    nanoCLR for the deployment address.
    The PowerShell twin of deploy-app.sh: -Port = --port, -Image = --image, -DryRun = --dry-run.

    Exit codes: 0 ok (or dry run printed), 1 nanoff failed, 2 bad argument or missing image, 3 nanoff not installed.

.PARAMETER Port
    Serial port of the node (required), e.g. COM3.

.PARAMETER Image
    The .bin deployment image (required).

.PARAMETER DryRun
    Print the exact nanoff command instead of running it (nanoff not needed).

.EXAMPLE
    .\deploy-app.ps1 -Port COM3 -Image ..\firmware\Edge.Firmware\bin\Release\Edge.Firmware.bin

.NOTES
    Environment: NANOFF (nanoff executable, default nanoff on PATH).
#>
[CmdletBinding()]
param(
    [string]$Port = '',
    [string]$Image = '',
    [switch]$DryRun,
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Rest
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Nanoff = if ($env:NANOFF) { $env:NANOFF } else { 'nanoff' }

function Fail([int]$Code, [string]$Message) {
    [Console]::Error.WriteLine("error: $Message")
    exit $Code
}

if ($Rest -and $Rest.Count -gt 0) {
    Fail 2 "unknown argument '$($Rest[0])' (parameters: -Port, -Image, -DryRun; see Get-Help $PSCommandPath)"
}
if ([string]::IsNullOrWhiteSpace($Port)) {
    Fail 2 '-Port is required (e.g. -Port COM3)'
}
if ($Port.StartsWith('-') -or $Port -match '\s') {
    Fail 2 "-Port '$Port' is not a serial port name"
}
if ([string]::IsNullOrWhiteSpace($Image)) {
    Fail 2 '-Image is required: the .bin deployment image of the nanoFramework build'
}
if (-not (Test-Path -LiteralPath $Image)) {
    Fail 2 "-Image '$Image' does not exist (build the firmware project first; the .bin is next to the .pe files)"
}
if (-not (Test-Path -LiteralPath $Image -PathType Leaf)) {
    Fail 2 "-Image '$Image' is not a file"
}
if ((Get-Item -LiteralPath $Image).Length -eq 0) {
    Fail 2 "-Image '$Image' is empty"
}
if ($Image -match '\s') {
    Fail 2 "-Image '$Image' contains whitespace: move or rename the image"
}
if ($Image -notmatch '\.bin$') {
    [Console]::Error.WriteLine("warning: -Image $Image does not end in .bin; nanoff expects the .bin deployment image")
}

$arguments = @('--nanodevice', '--deploy', '--serialport', $Port, '--image', $Image)

if ($DryRun) {
    Write-Output (@($Nanoff) + $arguments -join ' ')
    exit 0
}

if (-not (Get-Command $Nanoff -ErrorAction SilentlyContinue)) {
    [Console]::Error.WriteLine("error: nanoff is not installed (looked for `"$Nanoff`").")
    [Console]::Error.WriteLine('Install it with the .NET SDK:  dotnet tool install -g nanoff')
    [Console]::Error.WriteLine('then make sure %USERPROFILE%\.dotnet\tools (Linux/macOS: ~/.dotnet/tools) is on PATH.')
    exit 3
}

[Console]::Error.WriteLine("Deploying $Image to $Port...")
[Console]::Error.WriteLine("+ $(@($Nanoff) + $arguments -join ' ')")
& $Nanoff @arguments
$rc = $LASTEXITCODE
if ($rc -ne 0) {
    Fail 1 "nanoff failed with exit code $rc (is the nanoFramework firmware flashed? run flash-firmware.ps1 first)"
}
[Console]::Error.WriteLine("Application deployed to $Port (press RESET/EN if the node does not restart by itself).")
exit 0
