<#
.SYNOPSIS
    Commissions a node: nanoFramework firmware, application image and the node's files from `edge provision`.

.DESCRIPTION
    Five steps, each printed before it runs (each one of the scripts beside this one):
      1. dotnet tool install -g nanoff                       (only if nanoff is missing)
      2. nuget restore ... ; msbuild Edge.Firmware.nfproj    (only if the image is missing)
      3. nanoff --update --target TARGET --serialport PORT   (flash-firmware.ps1; TARGET from the board profile)
      4. nanoff --nanodevice --deploy --serialport PORT --image IMAGE   (deploy-app.ps1)
      5. nanoff --filedeployment deploy.json                 (provision-node.ps1 -NodeDir: the files, to I:\edge\)
    then says what to watch: the status LED and the node's first status message on the broker.
    Everything is checked before the first step. The PowerShell twin of commission-node.sh:
      -Port = --port, -Board = --board, -NodeDir = --node-dir, -Image = --image, -MassErase = --mass-erase,
      -DryRun = --dry-run.

    Exit codes: 0 ok (or dry run printed), 1 a step failed, 2 bad argument / node folder / image not buildable
    here, 3 nanoff missing and not installable.

.PARAMETER Port
    Serial port of the node (required), e.g. COM3.

.PARAMETER Board
    Board profile name (required), e.g. esp32-devkitc; must be the board the node folder was provisioned for.

.PARAMETER NodeDir
    The node's folder written by `edge provision --out` (required).

.PARAMETER Image
    The application image (.bin); default firmware\Edge.Firmware\bin\Release\Edge.Firmware.bin, built when missing.

.PARAMETER MassErase
    Erase the whole flash first.

.PARAMETER DryRun
    Print the exact commands, in order, instead of running them (nanoff not needed).

.EXAMPLE
    .\commission-node.ps1 -Port COM3 -Board wt32-eth01 -NodeDir ..\nodes\node-42 -DryRun

.NOTES
    Environment: NANOFF (nanoff executable, default nanoff on PATH), EDGE_BOARDS_DIR (folder of board profiles).
#>
[CmdletBinding()]
param(
    [string]$Port = '',
    [string]$Board = '',
    [string]$NodeDir = '',
    [string]$Image = '',
    [switch]$MassErase,
    [switch]$DryRun,
    [Parameter(ValueFromRemainingArguments = $true)]
    [string[]]$Rest
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Fail, Assert-NoUnknownArgument, Assert-Port, Get-AppDeployArguments, Format-NanoffCommand, Test-NanoffInstalled;
# $Nanoff.
. (Join-Path (Join-Path $PSScriptRoot 'lib') 'common.ps1')

$RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '..')).ProviderPath
$FirmwareDir = Join-Path $RepoRoot (Join-Path 'firmware' 'Edge.Firmware')
# The nanoFramework build writes the deployment image beside the .pe files as <AssemblyName>.bin.
$DefaultImage = Join-Path $FirmwareDir (Join-Path 'bin' (Join-Path 'Release' 'Edge.Firmware.bin'))

function Invoke-Step([string]$Number, [string]$What, [scriptblock]$Run) {
    # Runs one step; a failure stops the commissioning, naming the step.
    & $Run
    if ($LASTEXITCODE -ne 0) {
        [Console]::Error.WriteLine("error: commissioning stopped at step $Number ($What); fix what is said above and run the same command again")
        exit $LASTEXITCODE
    }
}

function Get-Field($Object, [string]$Name) {
    # A string property of a parsed JSON object, or '' (StrictMode forbids reading a missing property).
    if ($null -ne $Object -and $Object.PSObject.Properties[$Name]) { return [string]$Object.$Name }
    return ''
}

Assert-NoUnknownArgument $Rest -Parameters '-Port, -Board, -NodeDir, -Image, -MassErase, -DryRun' -ScriptPath $PSCommandPath
Assert-Port $Port -NoControlCharacters
if (-not $Board) {
    Fail 2 '-Board is required: the board profile the node was provisioned for (hardware\boards\NAME.json)'
}
if (-not $NodeDir) {
    Fail 2 '-NodeDir is required: the node''s folder written by edge provision --out DIR (DIR\<node-id>)'
}
if (-not (Test-Path -LiteralPath $NodeDir -PathType Container)) {
    Fail 2 "-NodeDir '$NodeDir' is not a folder (write it with: edge provision --node-id ID ... --out DIR)"
}
$configPath = Join-Path $NodeDir 'config.json'
if (-not (Test-Path -LiteralPath $configPath -PathType Leaf) -or -not (Test-Path -LiteralPath (Join-Path $NodeDir 'deploy.json') -PathType Leaf)) {
    Fail 2 "-NodeDir '$NodeDir' has no config.json and deploy.json: it is not a folder of edge provision"
}
try {
    $config = Get-Content -LiteralPath $configPath -Raw | ConvertFrom-Json
}
catch {
    Fail 2 "-NodeDir: $configPath is not valid JSON: $($_.Exception.Message)"
}
$provisionedBoard = Get-Field $config 'board'
if ($provisionedBoard -ne $Board) {
    $shown = if ($provisionedBoard) { $provisionedBoard } else { 'none' }
    Fail 2 "-Board '$Board' is not the board node folder '$NodeDir' was provisioned for ('$shown'): check the board, or provision the node again with --board $Board"
}
$nodeId = Get-Field $config 'nodeId'
$prefix = Get-Field $config 'topicPrefix'
if (-not $prefix) { $prefix = 'edge' }
$brokerSettings = if ($config.PSObject.Properties['broker']) { $config.broker } else { $null }
$broker = Get-Field $brokerSettings 'uri'
$username = Get-Field $brokerSettings 'username'

$buildImage = $false
if (-not $Image) {
    $Image = $DefaultImage
    if (-not (Test-Path -LiteralPath $Image -PathType Leaf) -or (Get-Item -LiteralPath $Image).Length -eq 0) {
        $buildImage = $true
    }
}
elseif (-not (Test-Path -LiteralPath $Image -PathType Leaf) -or (Get-Item -LiteralPath $Image).Length -eq 0) {
    Fail 2 "-Image '$Image' does not exist or is empty (leave -Image out to build the default image)"
}

# 1. nanoff
if (-not (Get-Command $Nanoff -ErrorAction SilentlyContinue)) {
    if ($Nanoff -ne 'nanoff') {
        $null = Test-NanoffInstalled
        exit 3
    }
    if ($DryRun) {
        Write-Output 'dotnet tool install -g nanoff'
    }
    else {
        if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
            $null = Test-NanoffInstalled
            exit 3
        }
        [Console]::Error.WriteLine('+ dotnet tool install -g nanoff')
        Invoke-Step 1 'install nanoff' { & dotnet tool install -g nanoff }
        if (-not (Get-Command nanoff -ErrorAction SilentlyContinue)) {
            # The .NET SDK installs global tools there; it is on PATH only after a new login.
            $Nanoff = Join-Path (Join-Path (Join-Path $HOME '.dotnet') 'tools') 'nanoff'
            $env:NANOFF = $Nanoff
        }
        if (-not (Test-NanoffInstalled)) {
            exit 3
        }
    }
}

# 2. the application image
if ($buildImage) {
    $restore = @('restore', (Join-Path $FirmwareDir 'packages.config'), '-PackagesDirectory', (Join-Path $RepoRoot 'packages'))
    $build = @((Join-Path $FirmwareDir 'Edge.Firmware.nfproj'), '-p:Configuration=Release')
    $missingTools = @('nuget', 'msbuild' | Where-Object { -not (Get-Command $_ -ErrorAction SilentlyContinue) }) -join ' and '
    $cannotBuild = "the image $Image is not built, and it cannot be built here: $missingTools not found. The nanoFramework build needs msbuild with the nanoFramework MSBuild components (Visual Studio with the .NET nanoFramework extension, on Windows) and nuget; build firmware\Edge.Firmware there (firmware\Edge.Firmware\README.md), then copy Edge.Firmware.bin and give -Image"
    if ($DryRun) {
        Write-Output ((@('nuget') + $restore) -join ' ')
        Write-Output ((@('msbuild') + $build) -join ' ')
        if ($missingTools) { [Console]::Error.WriteLine("warning: $cannotBuild") }
    }
    else {
        if ($missingTools) { Fail 2 $cannotBuild }
        [Console]::Error.WriteLine("+ nuget $($restore -join ' ')")
        Invoke-Step 2 'restore the nanoFramework packages' { & nuget @restore }
        [Console]::Error.WriteLine("+ msbuild $($build -join ' ')")
        Invoke-Step 2 'build the application image' { & msbuild @build }
        if (-not (Test-Path -LiteralPath $Image -PathType Leaf)) {
            Fail 1 "the build ran but wrote no ${Image}: is the project an application (OutputType Exe) of the nanoFramework project system?"
        }
    }
}

# 3. the nanoFramework firmware of the board's target
Invoke-Step 3 'flash the nanoFramework firmware' { & (Join-Path $PSScriptRoot 'flash-firmware.ps1') -Port $Port -Board $Board -MassErase:$MassErase -DryRun:$DryRun }

# 4. the application; in a dry run the image may be one that step 2 would build, so deploy-app.ps1 cannot check it.
if ($DryRun -and $buildImage) {
    Write-Output (Format-NanoffCommand (Get-AppDeployArguments $Port $Image))
}
else {
    Invoke-Step 4 'deploy the application' { & (Join-Path $PSScriptRoot 'deploy-app.ps1') -Port $Port -Image $Image -DryRun:$DryRun }
}

# 5. the node's files
Invoke-Step 5 'upload the node''s files' { & (Join-Path $PSScriptRoot 'provision-node.ps1') -Port $Port -NodeDir $NodeDir -DryRun:$DryRun }

# What the installer does next. In a dry run, as comments after the commands.
$lead = if ($DryRun) { '# ' } else { '' }
if (-not $DryRun) { Write-Output ''; Write-Output "Node $nodeId is commissioned." }
Write-Output "${lead}Next: press RESET/EN (or power-cycle) and watch the status LED: firmware/Edge.Firmware/README.md, `"Status LED`", says what each pattern means."
Write-Output "${lead}Then the node announces itself on the broker, retained on $prefix/$nodeId/status: {`"v`":1,`"node`":`"$nodeId`",`"state`":`"online`",...}"
if ($broker -like 'mqtts://*') {
    $hostPort = $broker.Substring('mqtts://'.Length)
    $brokerHost = $hostPort.Substring(0, $hostPort.LastIndexOf(':'))
    $brokerPort = $hostPort.Substring($hostPort.LastIndexOf(':') + 1)
    $user = if ($username) { $username } else { 'USER' }
    $caPath = Join-Path (Resolve-Path -LiteralPath $NodeDir).ProviderPath 'ca.pem'
    Write-Output "${lead}See it with: mosquitto_sub -h $brokerHost -p $brokerPort --cafile $caPath -u $user -P PASSWORD -t '$prefix/$nodeId/#' -v"
}
else {
    Write-Output "${lead}See it with: dotnet run --project firmware/Edge.Host -- listen --broker $broker --prefix $prefix"
}
Write-Output "${lead}No LED and no message within 2 minutes: see `"Flash and commission a node`", troubleshooting, in README.md."
exit 0
