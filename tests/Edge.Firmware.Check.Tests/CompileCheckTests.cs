using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Edge.Firmware.Check.Tests
{
    public class CompileCheckTests
    {
        // Each sample is one more firmware source; the usings are those an adapter has.
        private const string Usings = @"
using System;
using System.Device.Gpio;
using System.Device.I2c;
using System.IO;
using System.IO.Ports;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
";

        [Fact]
        public void Compiles_the_firmware_against_mscorlib_and_the_declared_api_only()
        {
            Assert.Equal(
                new[]
                {
                    "System.Device.Gpio.dll", "System.Device.I2c.dll", "System.Device.Wifi.dll", "System.IO.FileSystem.dll",
                    "System.IO.Ports.dll", "System.IO.Streams.dll", "System.Net.dll", "System.Threading.dll", "mscorlib.dll", "nanoFramework.Hardware.Esp32.dll",
                    "nanoFramework.M2Mqtt.Core.dll", "nanoFramework.M2Mqtt.dll", "nanoFramework.Networking.Sntp.dll",
                    "nanoFramework.Runtime.Native.dll",
                },
                FirmwareCompilation.ReferenceNames);
            Assert.Empty(FirmwareCompilation.Errors(FirmwareCompilation.Sources));
        }

        [Fact]
        public void Accepts_a_sample_calling_the_declared_api_as_declared()
        {
            IReadOnlyList<Diagnostic> errors = FirmwareCompilation.ErrorsWith(Usings + @"
namespace Edge.Firmware.Samples
{
    internal static class WellUsed
    {
        public static bool Probe(byte[] command, byte[] reply)
        {
            var device = I2cDevice.Create(new I2cConnectionSettings(1, 0x40, I2cBusSpeed.FastMode, I2cSharingMode.Shared));
            return device.WriteRead(new SpanByte(command), new SpanByte(reply)).Status == I2cTransferStatus.FullTransfer;
        }
    }
}");

            Assert.Empty(errors);
        }

        [Fact]
        public void Fails_on_a_call_to_a_member_the_package_does_not_declare()
        {
            // File.ReadAllBytes is .NET's; the firmware reads through FileStream, which is what is declared.
            IReadOnlyList<Diagnostic> errors = FirmwareCompilation.ErrorsWith(Usings + @"
namespace Edge.Firmware.Samples
{
    internal static class Undeclared
    {
        public static byte[] Config() { return File.ReadAllBytes(""I:\\edge\\config.json""); }
    }
}");

            Assert.Equal(new[] { "CS0117" }, Codes(errors));
            Assert.Contains("ReadAllBytes", errors[0].GetMessage());
        }

        [Fact]
        public void Fails_on_an_argument_of_the_wrong_type()
        {
            // SerialPort takes a StopBits, not the number of stop bits. (An array for a SpanByte is no misuse:
            // mscorlib 1.17.11 converts byte[] to SpanByte implicitly.)
            IReadOnlyList<Diagnostic> errors = FirmwareCompilation.ErrorsWith(Usings + @"
namespace Edge.Firmware.Samples
{
    internal static class WrongArgument
    {
        public static SerialPort Tic() { return new SerialPort(""COM2"", 1200, Parity.Even, 7, 1); }
    }
}");

            Assert.Equal(new[] { "CS1503" }, Codes(errors));
        }

        [Fact]
        public void Fails_on_an_overload_the_library_does_not_have()
        {
            // M2Mqtt has no Publish(topic, message, qos, retain): content type and user properties come before.
            IReadOnlyList<Diagnostic> errors = FirmwareCompilation.ErrorsWith(Usings + @"
namespace Edge.Firmware.Samples
{
    internal static class MissingOverload
    {
        public static ushort Send(MqttClient client, byte[] data)
        {
            return client.Publish(""edge/n1/status"", data, MqttQoSLevel.AtLeastOnce, true);
        }
    }
}");

            Assert.Equal(new[] { "CS7036" }, Codes(errors));
        }

        [Fact]
        public void Fails_on_a_package_that_is_not_declared()
        {
            // No adapter drives an SPI chip, so nanoFramework.System.Device.Spi is not declared.
            IReadOnlyList<Diagnostic> errors = FirmwareCompilation.ErrorsWith(Usings + @"
namespace Edge.Firmware.Samples
{
    internal static class UndeclaredPackage
    {
        public static object Bus() { return System.Device.Spi.SpiDevice.Create(null); }
    }
}");

            Assert.Equal(new[] { "CS0234" }, Codes(errors));
        }

        [Fact]
        public void Accepts_a_sample_joining_wifi_and_ethernet_as_the_helpers_declare()
        {
            IReadOnlyList<Diagnostic> errors = FirmwareCompilation.ErrorsWith(Usings + @"
using System.Device.Wifi;
using System.Threading;
using nanoFramework.Networking;

namespace Edge.Firmware.Samples
{
    internal static class Joining
    {
        public static bool Wifi(string ssid, string password)
        {
            using (CancellationTokenSource timeout = new CancellationTokenSource(60000))
            {
                return WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, true, 0, timeout.Token)
                    && WifiNetworkHelper.Status == NetworkHelperStatus.NetworkIsReady;
            }
        }

        public static bool Ethernet()
        {
            using (CancellationTokenSource timeout = new CancellationTokenSource(60000))
            {
                return NetworkHelper.SetupAndConnectNetwork(new IPConfiguration(""192.168.1.20"", ""255.255.255.0"", ""192.168.1.1""), timeout.Token, true);
            }
        }
    }
}");

            Assert.Empty(errors);
        }

        [Fact]
        public void Fails_on_a_wifi_call_with_the_arguments_in_the_wrong_order()
        {
            // ConnectDhcp takes the reconnection kind before requiresDateTime: a bool in its place does not convert.
            IReadOnlyList<Diagnostic> errors = FirmwareCompilation.ErrorsWith(Usings + @"
using nanoFramework.Networking;

namespace Edge.Firmware.Samples
{
    internal static class WrongOrder
    {
        public static bool Join(string ssid, string password) { return WifiNetworkHelper.ConnectDhcp(ssid, password, true); }
    }
}");

            Assert.Equal(new[] { "CS1503" }, Codes(errors));
        }

        [Fact]
        public void Fails_on_a_network_helper_member_the_firmware_does_not_declare()
        {
            // The firmware joins a known network; the scanning variant is not part of the declared surface.
            IReadOnlyList<Diagnostic> errors = FirmwareCompilation.ErrorsWith(Usings + @"
using nanoFramework.Networking;

namespace Edge.Firmware.Samples
{
    internal static class Undeclared
    {
        public static bool Join(string ssid, string password) { return WifiNetworkHelper.ScanAndConnectDhcp(ssid, password); }
    }
}");

            Assert.Equal(new[] { "CS0117" }, Codes(errors));
            Assert.Contains("ScanAndConnectDhcp", errors[0].GetMessage());
        }

        [Fact]
        public void Fails_on_generic_collections_that_nanoframework_mscorlib_lacks()
        {
            IReadOnlyList<Diagnostic> errors = FirmwareCompilation.ErrorsWith(Usings + @"
namespace Edge.Firmware.Samples
{
    internal static class Generic
    {
        public static int Count() { return new System.Collections.Generic.List<int>().Count; }
    }
}");

            Assert.Equal(new[] { "CS0234" }, Codes(errors));
            Assert.Contains("System.Collections", errors[0].GetMessage());
        }

        [Fact]
        public void Finds_nothing_the_nanoframework_interpreter_cannot_run_in_the_compiled_firmware()
        {
            // The compatibility gate's second stage, on the adapters as well as the portable code. Its one rule that
            // does not apply here is the portable code's: the firmware references the nanoFramework packages.
            Assert.Empty(InterpreterViolations(FirmwareCompilation.Emit()));
        }

        [Fact]
        public void Finds_a_generic_method_in_a_firmware_source()
        {
            List<Edge.NanoGate.GateViolation> violations = InterpreterViolations(FirmwareCompilation.Emit(Usings + @"
namespace Edge.Firmware.Samples
{
    internal static class GenericHelper
    {
        public static T First<T>(T[] items) { return items[0]; }
    }
}"));

            Assert.Equal(new[] { Edge.NanoGate.GateRule.GenericDefinition }, violations.Select(v => v.Rule).Distinct());
            Assert.All(violations, v => Assert.Contains("GenericHelper", v.ToString()));
        }

        private static List<Edge.NanoGate.GateViolation> InterpreterViolations(byte[] image) =>
            Edge.NanoGate.IlInspector.Inspect(image).Where(v => v.Rule != Edge.NanoGate.GateRule.AssemblyReference).ToList();

        private static string[] Codes(IReadOnlyList<Diagnostic> errors)
        {
            Assert.All(errors, e => Assert.Equal("Sample.cs", e.Location.SourceTree?.FilePath));
            return errors.Select(e => e.Id).ToArray();
        }
    }
}
