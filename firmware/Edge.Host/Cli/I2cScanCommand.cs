using System;
using System.CommandLine;
using System.Device.I2c;
using System.IO;
using I2cBus = Edge.Core.Meters.Buses.I2cBus;
using Edge.Drivers.I2c;
using Edge.Host.Gateway;

namespace Edge.Host.Cli
{
    /// <summary>
    /// `edge i2c-scan [--bus 1]`: which addresses of a Linux gateway's I2C bus (/dev/i2c-N) answer, each named with
    /// the chips of this project that sit there by their datasheets, by the same <see cref="I2cBusScan"/> the node's
    /// self-test runs. What an installer runs before writing the sensors into a node's config: a BME280 strapped to
    /// 0x77 shows as 0x77, not as a missing chip at 0x76.
    /// </summary>
    public static class I2cScanCommand
    {
        /// <summary>I2C1, the bus a Raspberry Pi brings out on header pins 3 (SDA, GPIO2) and 5 (SCL, GPIO3).</summary>
        public const int DefaultBus = 1;

        public static Command Create(TextWriter output, TextWriter error, Func<I2cConnectionSettings, I2cDevice>? openI2c = null)
        {
            Func<I2cConnectionSettings, I2cDevice> open = openI2c ?? I2cDevice.Create;
            Option<int> bus = CliOptions.WholeNumber("--bus", $"I2C bus number: /dev/i2c-N (default {DefaultBus})", DefaultBus, 0, 255, "an I2C bus number");
            var command = new Command("i2c-scan", "List the addresses that answer on a gateway's I2C bus, with the chips that sit there")
            {
                bus,
            };
            command.SetAction(parse => Run(open, parse.GetValue(bus), output, error));
            return command;
        }

        public static int Run(Func<I2cConnectionSettings, I2cDevice> open, int busId, TextWriter output, TextWriter error)
        {
            var scan = new I2cBusScan();
            for (int address = I2cBus.FirstAddress; address <= I2cBus.LastAddress; address++)
            {
                I2cDevice device;
                try
                {
                    device = open(new I2cConnectionSettings(busId, address));
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException or ArgumentException or PlatformNotSupportedException)
                {
                    error.WriteLine("i2c-scan: " + GatewayPlatform.I2cRefusal(busId, string.Empty, e));
                    return ExitCodes.DeviceUnavailable;
                }

                using var adapter = new I2cRegisterBusAdapter(device);
                scan.Probe(address, adapter);
            }

            if (scan.Count == 0)
            {
                output.WriteLine($"i2c-scan: /dev/i2c-{busId}: no device answered from 0x{I2cBus.FirstAddress:x2} to 0x{I2cBus.LastAddress:x2}; check SDA/SCL wiring, the pull-ups and the sensors' power");
                return ExitCodes.SelfTestFailed;
            }

            output.WriteLine($"i2c-scan: /dev/i2c-{busId}: {scan.Count} device(s) answered");
            for (int address = I2cBus.FirstAddress; address <= I2cBus.LastAddress; address++)
            {
                if (scan.Answered(address))
                {
                    output.WriteLine($"  0x{address:x2}  {I2cBusScan.ChipsAt(address) ?? "not a chip of this project"}");
                }
            }

            return ExitCodes.Success;
        }
    }
}
