using Edge.Core.Meters.Buses;
using Edge.Core.Platform;
using Edge.Drivers.Modbus;
using Edge.Host.Protocols.Modbus;
using Edge.Tests.Core.Node;
using Xunit;
using Xunit.Abstractions;

namespace Edge.Tests.Drivers.Modbus
{
    /// <summary>What one Modbus meter keeps in the heap, once built: its table, plan, request buffers and counters,
    /// apart from the line it shares with the other meters.</summary>
    [Collection(MemoryMeasurementCollection.Name)]
    public class ModbusMemoryTests
    {
        /// <summary>An SDM630 driver (25 rows, 2 requests, a 165-byte reply buffer) on the device, by the nanoCLR
        /// estimate: measured 1,848 bytes (table 504, plan 912 with it, request 360, counters 204; 1,552 on .NET).</summary>
        public const int Sdm630DeviceBudgetBytes = 2 * 1024;

        private readonly ITestOutputHelper _output;

        public ModbusMemoryTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void An_sdm630_driver_holds_its_table_and_buffers_in_a_little_over_one_kilobyte_on_the_device()
        {
            ModbusRegisterMap map = EastronRegisterMaps.Named(EastronRegisterMaps.Sdm630)!;
            var line = new Rs485Line(new PreparedSdm630Link(1, new ModbusReadPlan(map)), 9600, SerialParity.None, 1, 200, 100, 4);
            var meter = new ModbusMeter("main", line, 1, map, 1000);

            var dotnet = new RetainedBytes(3);
            dotnet.Exclude(line);
            long onDotnet = dotnet.Measure("meter", meter);
            var device = new RetainedBytes(3, RetainedBytes.Layout.NanoClr);
            device.Exclude(line);
            long onDevice = device.Measure("meter", meter);
            _output.WriteLine($"SDM630 driver: {onDotnet} bytes on .NET, {onDevice} on nanoCLR");
            _output.WriteLine(device.Format(64));

            Assert.InRange(onDevice, 1, Sdm630DeviceBudgetBytes);
        }
    }
}
