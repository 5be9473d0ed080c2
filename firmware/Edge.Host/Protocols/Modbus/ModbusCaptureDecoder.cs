using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Edge.Core.Model;
using Edge.Drivers.Modbus;

namespace Edge.Host.Protocols.Modbus
{
    /// <summary>
    /// Decodes a capture of a Modbus bus and writes one JSON object per valid read reply: the slave, function and
    /// first register, the registers as sent (hex, by address), and the readings the node would make of them with
    /// the model's register table, converted by the driver's own <see cref="ModbusRegisterMap.TryValue"/>. A reply
    /// whose request is not in the capture has no known address: its data is shown, with no reading. Modbus meters
    /// send no clock: meterTime is null.
    /// </summary>
    public sealed class ModbusCaptureDecoder : ICaptureDecoder
    {
        private readonly string _model;
        private readonly ModbusRegisterMap _map;
        private ModbusCaptureScanner? _scan;

        public ModbusCaptureDecoder(string model)
        {
            _model = model;
            _map = EastronRegisterMaps.Named(model) ?? throw new ArgumentOutOfRangeException(nameof(model), model, "not a model with a register table");
        }

        public long FramesWritten { get; private set; }

        /// <summary>Values of valid replies that were no number (NaN, infinity).</summary>
        public int BadValues { get; private set; }

        public void Decode(byte[] capture, TextWriter output)
        {
            _scan = ModbusCaptureScanner.Scan(capture);
            foreach (ModbusExchange exchange in _scan.Exchanges.Where(e => e.Status == ModbusReplyStatus.Valid && e.Function is ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters))
            {
                output.WriteLine(ToJson(exchange));
                FramesWritten++;
            }
        }

        public string Summary()
        {
            ModbusCaptureScanner scan = _scan ?? throw new InvalidOperationException("nothing decoded yet");
            int exceptions = scan.Exchanges.Count(e => e.Status == ModbusReplyStatus.Exception);
            string codes = string.Join(", ", scan.Exchanges.Where(e => e.Status == ModbusReplyStatus.Exception).GroupBy(e => e.ExceptionCode).Select(g => $"{g.Count()} x {g.Key:X2}"));
            return $"modbus ({_model}): {scan.Exchanges.Count} replies ({FramesWritten} valid reads, {scan.Exchanges.Count(e => e.Request is null)} without their request, {exceptions} exceptions{(exceptions > 0 ? " " + codes : string.Empty)}); " +
                $"{scan.Unanswered} requests unanswered, {scan.SkippedBytes} bytes in no frame, {BadValues} bad values";
        }

        public string? WhyNoFrame(byte[] capture)
        {
            ModbusCaptureScanner scan = _scan ?? ModbusCaptureScanner.Scan(capture);
            if (scan.Exchanges.Count == 0 && scan.Unanswered > 0)
            {
                return $"the capture holds {scan.Unanswered} requests and no reply: it was taken on the master's transmit line, or the slaves did not answer";
            }

            if (scan.Exchanges.Count > 0 && scan.Exchanges.All(e => e.Status == ModbusReplyStatus.Exception))
            {
                return "every reply is an exception: the slave refuses the registers or the function asked";
            }

            return null;
        }

        private string ToJson(ModbusExchange exchange)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("protocol", "modbus");
                json.WriteString("model", _model);
                json.WriteNull("meterTime");
                json.WriteNumber("slave", exchange.Slave);
                json.WriteNumber("function", exchange.Function);
                byte[] reply = exchange.Reply;
                int registers = reply[2] / 2;
                if (exchange.Start is int start)
                {
                    json.WriteNumber("start", start);
                }
                else
                {
                    json.WriteNull("start");
                }

                json.WriteNumber("registers", registers);
                json.WriteStartObject("fields");
                for (int i = 0; i < registers; i++)
                {
                    string name = exchange.Start is int first ? "0x" + (first + i).ToString("X4", CultureInfo.InvariantCulture) : "+" + i.ToString(CultureInfo.InvariantCulture);
                    json.WriteString(name, ModbusFrames.Word(reply, 3 + (2 * i)).ToString("X4", CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
                CaptureJson.WriteReadings(json, Readings(exchange));
                json.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>The readings of the rows of the map that lie whole inside the reply's registers.</summary>
        private List<Reading> Readings(ModbusExchange exchange)
        {
            var readings = new List<Reading>();
            if (exchange.Start is not int start)
            {
                return readings;
            }

            int registers = exchange.Reply[2] / 2;
            for (int row = 0; row < _map.Count; row++)
            {
                int offset = _map.Address(row) - start;
                if (_map.Function(row) != exchange.Function || offset < 0 || offset + _map.Width(row) > registers)
                {
                    continue;
                }

                if (_map.TryValue(row, exchange.Reply, 3 + (2 * offset), out long value))
                {
                    readings.Add(new Reading(_map.Quantity(row), value, _map.Decimals(row), DateTime.UnixEpoch, ReadingQuality.Good));
                }
                else
                {
                    BadValues++;
                }
            }

            return readings;
        }
    }
}
