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

# Fail, Assert-NoUnknownArgument, Assert-Port, Get-AppDeployArguments, Format-NanoffCommand, Test-NanoffInstalled,
# Invoke-Nanoff; $Nanoff.
. (Join-Path (Join-Path $PSScriptRoot 'lib') 'common.ps1')

Assert-NoUnknownArgument $Rest -Parameters '-Port, -Image, -DryRun' -ScriptPath $PSCommandPath
Assert-Port $Port
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

$arguments = Get-AppDeployArguments $Port $Image

if ($DryRun) {
    Write-Output (Format-NanoffCommand $arguments)
    exit 0
}

if (-not (Test-NanoffInstalled)) {
    exit 3
}

[Console]::Error.WriteLine("Deploying $Image to $Port...")
Invoke-Nanoff -Arguments $arguments -FailureHint 'is the nanoFramework firmware flashed? run flash-firmware.ps1 first'
if ($LASTEXITCODE -ne 0) {
    exit 1
}
[Console]::Error.WriteLine("Application deployed to $Port (press RESET/EN if the node does not restart by itself).")
exit 0
