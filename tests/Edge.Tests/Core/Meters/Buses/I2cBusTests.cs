using System;
using Edge.Core.Meters.Buses;
using Edge.Core.Platform;
using Xunit;

namespace Edge.Tests.Core.Meters.Buses
{
    public class I2cBusTests
    {
        [Fact]
        public void Counts_failed_transfers_per_chip_and_for_the_bus()
        {
            var bus = new I2cBus();
            var present = new Chip { Acknowledges = true };
            var missing = new Chip { Acknowledges = false };
            I2cChannel ina = bus.Attach(0x40, present);
            I2cChannel sht = bus.Attach(0x44, missing);

            Assert.True(ina.WriteRead(new byte[] { 0x02 }, new byte[2]));
            Assert.False(sht.Write(new byte[] { 0x24, 0x00 }));
            Assert.False(sht.WriteRead(new byte[] { 0x00 }, new byte[6]));

            Assert.Equal((0L, 2L), (ina.Failures, sht.Failures));
            Assert.Equal((3L, 2L), (bus.Transfers, bus.Failures));
            Assert.Equal(("transfers", 3L, "failures", 2L), (bus.CounterName(0), bus.CounterValue(0), bus.CounterName(1), bus.CounterValue(1)));
            Assert.Same(sht, bus.Channel(0x44));
            Assert.Null(bus.Channel(0x41));
        }

        [Fact]
        public void Refuses_two_chips_at_one_address_and_reserved_addresses()
        {
            var bus = new I2cBus();
            bus.Attach(0x40, new Chip());
            Assert.Equal("address", Assert.Throws<ArgumentException>(() => bus.Attach(0x40, new Chip())).ParamName);
            Assert.Equal("address", Assert.Throws<ArgumentOutOfRangeException>(() => bus.Attach(0x07, new Chip())).ParamName);
            Assert.Equal("address", Assert.Throws<ArgumentOutOfRangeException>(() => bus.Attach(0x78, new Chip())).ParamName);
        }

        private sealed class Chip : IRegisterBus
        {
            public bool Acknowledges { get; set; } = true;

            public bool Read(byte[] data) => Acknowledges;

            public bool Write(byte[] data) => Acknowledges;

            public bool WriteRead(byte[] write, byte[] read) => Acknowledges;
        }
    }
}
