using System;
using System.IO;
using System.Text;
using Edge.Core.Model;
using Edge.Drivers.Modbus;
using Xunit;

namespace Edge.Tests.Drivers.Modbus
{
    /// <summary>The frames of the Eastron vectors and the application protocol's worked examples, produced and
    /// judged byte for byte.</summary>
    public class ModbusVectorTests
    {
        private static byte[] Vector(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "modbus", name));

        [Fact]
        public void Crc16_modbus_of_123456789_is_the_catalogued_check_value_4B37()
        {
            byte[] text = Encoding.ASCII.GetBytes("123456789");
            Assert.Equal(0x4B37, ModbusCrc.Compute(text, 0, text.Length));
        }

        [Theory]
        [InlineData("sdm_req_id01_fc04_0000_voltage.bin", 0x0000)]
        [InlineData("sdm_req_id01_fc04_0006_current.bin", 0x0006)]
        [InlineData("sdm_req_id01_fc04_000C_active_power.bin", 0x000C)]
        [InlineData("sdm_req_id01_fc04_0046_frequency.bin", 0x0046)]
        [InlineData("sdm_req_id01_fc04_0048_import_active_energy.bin", 0x0048)]
        public void Builds_each_eastron_read_request_byte_for_byte(string file, int register)
        {
            var frame = new byte[8];
            int length = ModbusFrames.Read(frame, 1, ModbusFunction.ReadInputRegisters, register, 2);

            Assert.Equal(Vector(file), frame[..length]);
            Assert.Equal(9, ModbusFrames.ReplyLength(frame));
        }

        [Fact]
        public void Reads_230_2_volts_from_the_eastron_manual_reply()
        {
            byte[] request = Vector("sdm_req_id01_fc04_0000_voltage.bin");
            byte[] reply = Vector("sdm_resp_id01_fc04_voltage_230.2V.bin");

            Assert.Equal(ModbusReplyStatus.Valid, ModbusReply.Check(request, reply, reply.Length, out int code));
            Assert.Equal(0, code);
            ModbusRegisterMap map = EastronRegisterMaps.Named("sdm630")!;
            Assert.Equal(QuantityId.PhaseVoltageL1, map.Quantity(0));
            Assert.True(map.TryValue(0, reply, 3, out long value));
            Assert.Equal((2302L, 1), (value, map.Decimals(0)));
        }

        [Fact]
        public void Takes_the_voltage_reply_for_no_other_request()
        {
            byte[] reply = Vector("sdm_resp_id01_fc04_voltage_230.2V.bin");

            var fourRegisters = new byte[8];
            ModbusFrames.Read(fourRegisters, 1, ModbusFunction.ReadInputRegisters, 0, 4);
            Assert.Equal(ModbusReplyStatus.Malformed, ModbusReply.Check(fourRegisters, reply, reply.Length, out _));
            var otherSlave = new byte[8];
            ModbusFrames.Read(otherSlave, 2, ModbusFunction.ReadInputRegisters, 0, 2);
            Assert.Equal(ModbusReplyStatus.WrongSlave, ModbusReply.Check(otherSlave, reply, reply.Length, out _));
            var holding = new byte[8];
            ModbusFrames.Read(holding, 1, ModbusFunction.ReadHoldingRegisters, 0, 2);
            Assert.Equal(ModbusReplyStatus.Malformed, ModbusReply.Check(holding, reply, reply.Length, out _));
        }

        [Fact]
        public void Builds_the_write_examples_of_the_application_protocol_and_accepts_their_echo()
        {
            // MODBUS Application Protocol V1.1b3 §6.6: write register 2 (address 0x0001) to 0x0003; §6.12: registers
            // 2 and 3 to 0x000A and 0x0102. The PDU follows the slave address; the CRC closes the frame.
            var single = new byte[8];
            Assert.Equal(8, ModbusFrames.WriteSingle(single, 0x11, 0x0001, 0x0003));
            Assert.Equal(new byte[] { 0x11, 0x06, 0x00, 0x01, 0x00, 0x03 }, single[..6]);
            Assert.True(ModbusCrc.Holds(single, 8));
            Assert.Equal(ModbusReplyStatus.Valid, ModbusReply.Check(single, single, 8, out _));

            var multiple = new byte[16];
            Assert.Equal(13, ModbusFrames.WriteMultiple(multiple, 0x11, 0x0001, [0x000A, 0x0102], 2));
            Assert.Equal(new byte[] { 0x11, 0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02 }, multiple[..11]);
            var echo = new byte[8];
            Array.Copy(multiple, echo, 6);
            ModbusCrc.Append(echo, 6);
            Assert.Equal(ModbusReplyStatus.Valid, ModbusReply.Check(multiple, echo, 8, out _));
            echo[5] = 3;
            ModbusCrc.Append(echo, 6);
            Assert.Equal(ModbusReplyStatus.Malformed, ModbusReply.Check(multiple, echo, 8, out _));
        }

        [Fact]
        public void Reads_an_exception_reply_and_its_code()
        {
            // §7: a read of input registers refused with Illegal Data Address is 0x84 0x02.
            byte[] request = Vector("sdm_req_id01_fc04_0000_voltage.bin");
            var reply = new byte[] { 0x01, 0x84, 0x02, 0, 0 };
            ModbusCrc.Append(reply, 3);

            Assert.Equal(ModbusReplyStatus.Exception, ModbusReply.Check(request, reply, 5, out int code));
            Assert.Equal(ModbusFunction.IllegalDataAddress, code);
        }

        [Fact]
        public void Rejects_the_voltage_reply_with_its_crc_bytes_swapped_or_cut_short()
        {
            byte[] request = Vector("sdm_req_id01_fc04_0000_voltage.bin");
            byte[] reply = Vector("sdm_resp_id01_fc04_voltage_230.2V.bin");
            (reply[7], reply[8]) = (reply[8], reply[7]);

            Assert.Equal(ModbusReplyStatus.BadCrc, ModbusReply.Check(request, reply, reply.Length, out _));
            Assert.Equal(ModbusReplyStatus.BadCrc, ModbusReply.Check(request, Vector("sdm_resp_id01_fc04_voltage_230.2V.bin"), 8, out _));
            Assert.Equal(ModbusReplyStatus.Malformed, ModbusReply.Check(request, reply, 4, out _));
        }
    }
}
