#nullable disable
using System;
using Edge.Core.Model;

namespace Edge.Drivers.P1
{
    /// <summary>
    /// Decodes the P1 telegrams of a DSMR or e-MUCS meter from the bytes of its serial line, fed in blocks of any
    /// size, split anywhere. A telegram (DSMR 5.0.2 P1 Companion Standard §6.2 and §6.4) is a header line
    /// "/XXX5Ident", a blank line, data lines "A-B:C.D.E(value)(value)..." and "!CRC" where the CRC-16/ARC of every
    /// byte from '/' through '!' is printed in 1 to 4 hex digits (4 in the standard, fewer on some meters that do not
    /// pad); DSMR 2.2/3.0 telegrams end with a bare "!" and are accepted only from a line set up for those versions
    /// (<see cref="AcceptsNoCrc"/>) and without the version line that DSMR 4 brought (1-3:0.2.8).
    /// Lines are parsed as they arrive into <see cref="Telegram"/>, but only a telegram whose CRC holds is valid: its
    /// line counts (unknown codes, malformed values) reach <see cref="Counters"/> then, and its values become
    /// readings. Numbers are parsed digit by digit into fixed-point longs and units read from each value (never
    /// assumed): once set up, a telegram allocates nothing.
    /// </summary>
    public sealed class P1TelegramDecoder
    {
        /// <summary>Longest line held, CR LF included: the longest DSMR 5 line is the text message 0-0:96.13.0 of
        /// 1024 characters sent as 2048 hex digits (§7.2), with its code and brackets.</summary>
        public const int MaxLineLength = 2080;

        private const byte Slash = (byte)'/';
        private const byte Bang = (byte)'!';
        private const byte Cr = (byte)'\r';
        private const byte Lf = (byte)'\n';

        private const int Idle = 0;
        private const int InLine = 1;
        private const int InCrc = 2;

        /// <summary>P1 version from which a CRC is always due: DSMR 4.0 (version line "(40)").</summary>
        private const int FirstVersionWithCrc = 40;

        private readonly byte[] _line = new byte[MaxLineLength];
        private readonly ushort[] _crcTable = P1Crc.BuildByteTable();
        private readonly P1Telegram _telegram = new P1Telegram();
        private readonly P1Counters _counters = new P1Counters();
        private readonly int _rowTariff = P1Fields.IndexOf("0-0:96.14.0");
        private readonly int _rowEnergyImport = P1Fields.IndexOf("1-0:1.8.0");
        private readonly int _rowEnergyExport = P1Fields.IndexOf("1-0:2.8.0");
        private readonly int _rowChannelCorrected = P1Fields.IndexOf("0-n:24.2.1");

        private int _state;
        private int _length;
        private int _lineNumber;
        private int _crc;
        private int _crcDigits;
        private int _crcValue;

        // Counts of the telegram under way, added to the counters when it turns out valid.
        private int _unknown;
        private int _malformedLines;
        private int _malformedValues;
        private int _malformedTimes;

        // The DSMR 2.2 profile line announces a value on the next line: its channel (0 when none is awaited), unit.
        private int _profileChannel;
        private P1Unit _profileUnit;
        private int _profileScale;

        // The parsed number and the bounds of the current bracket group, kept in fields rather than out parameters.
        private long _number;
        private int _decimals;
        private P1Unit _unit;
        private int _groupStart;
        private int _groupEnd;

        /// <param name="acceptsNoCrc">True on a line set up for DSMR 2.2/3.0 (9600 7E1), whose telegrams end with
        /// no CRC; false for DSMR 4/5 (115200 8N1), where a telegram without a CRC is refused.</param>
        public P1TelegramDecoder(bool acceptsNoCrc)
        {
            AcceptsNoCrc = acceptsNoCrc;
            _telegram.Clear();
        }

        /// <summary>Whether a telegram ending in a bare '!' is taken (see the constructor).</summary>
        public bool AcceptsNoCrc { get; private set; }

        /// <summary>How the telegram that ended in the last <see cref="Feed"/> ended; <see cref="P1Outcome.None"/>
        /// when none ended.</summary>
        public P1Outcome Outcome { get; private set; }

        /// <summary>The values of the last telegram; whole and meaningful when <see cref="Outcome"/> is
        /// <see cref="P1Outcome.Valid"/>, until the next '/'.</summary>
        public P1Telegram Telegram
        {
            get { return _telegram; }
        }

        /// <summary>What the decoder saw, by outcome and cause.</summary>
        public P1Counters Counters
        {
            get { return _counters; }
        }

        /// <summary>True between a '/' and the end of its telegram.</summary>
        public bool InTelegram
        {
            get { return _state != Idle; }
        }

        /// <summary>Forgets a telegram under way, uncounted (the line was reopened).</summary>
        public void Reset()
        {
            _state = Idle;
            _length = 0;
        }

        /// <summary>
        /// Decodes bytes from <paramref name="buffer"/> until a telegram ends or the <paramref name="count"/> bytes are
        /// used up; returns the bytes consumed. <see cref="Outcome"/> then says whether a telegram ended and how: call
        /// again with the rest of the block to go on.
        /// </summary>
        public int Feed(byte[] buffer, int offset, int count)
        {
            Outcome = P1Outcome.None;
            int i = offset;
            int end = offset + count;
            byte[] line = _line;
            while (i < end)
            {
                if (_state == InLine)
                {
                    int length = _length;
                    int room = line.Length;
                    while (i < end)
                    {
                        byte b = buffer[i];
                        if (b == Slash || b == Bang)
                        {
                            break;
                        }

                        if (length == room)
                        {
                            _length = 0;
                            _state = Idle;
                            End(P1Outcome.LineTooLong);
                            return i - offset;
                        }

                        line[length++] = b;
                        i++;
                        if (b == Lf)
                        {
                            _crc = P1Crc.Update(_crc, _crcTable, line, 0, length);
                            Line(length);
                            length = 0;
                        }
                    }

                    _length = length;
                    if (i == end)
                    {
                        break;
                    }

                    if (buffer[i] == Slash)
                    {
                        // Not consumed: it starts the next telegram on the next call.
                        _state = Idle;
                        _length = 0;
                        End(P1Outcome.Truncated);
                        return i - offset;
                    }

                    // '!': the CRC covers the line so far and the '!' itself. A line cut by it counts as malformed.
                    _crc = P1Crc.Update(P1Crc.Update(_crc, _crcTable, line, 0, length), Bang);
                    if (length > 0)
                    {
                        _malformedLines++;
                    }

                    _length = 0;
                    _state = InCrc;
                    _crcDigits = 0;
                    _crcValue = 0;
                    i++;
                    continue;
                }

                if (_state == InCrc)
                {
                    byte b = buffer[i];
                    int digit = Hex(b);
                    if (digit >= 0 && _crcDigits < 4)
                    {
                        _crcValue = (_crcValue << 4) | digit;
                        _crcDigits++;
                        i++;
                        continue;
                    }

                    _state = Idle;
                    if (b == Cr || b == Lf)
                    {
                        i++;
                        EndOfTelegram();
                        return i - offset;
                    }

                    // A fifth digit or any other byte: not a CRC field. A '/' is left to start the next telegram.
                    if (b != Slash)
                    {
                        i++;
                    }

                    End(P1Outcome.BadCrc);
                    return i - offset;
                }

                // Idle: everything up to the next '/' is outside any telegram.
                while (i < end)
                {
                    byte b = buffer[i];
                    if (b == Slash)
                    {
                        break;
                    }

                    if (b != Cr && b != Lf)
                    {
                        _counters.StrayBytes++;
                    }

                    i++;
                }

                if (i < end)
                {
                    Begin();
                    line[0] = Slash;
                    _length = 1;
                    i++;
                }
            }

            return i - offset;
        }

        /// <summary>
        /// Decodes all <paramref name="count"/> bytes and writes the readings of every valid telegram among them to
        /// <paramref name="sink"/>, stamped <paramref name="time"/>; returns how many valid telegrams ended. For a
        /// driver reading a block at a time; <see cref="Outcome"/> is that of the last telegram that ended.
        /// </summary>
        public int ReadAll(byte[] buffer, int offset, int count, DateTime time, IReadingSink sink, out P1Outcome last)
        {
            int valid = 0;
            last = P1Outcome.None;
            int end = offset + count;
            while (offset < end)
            {
                offset += Feed(buffer, offset, end - offset);
                P1Outcome outcome = Outcome;
                if (outcome == P1Outcome.None)
                {
                    continue;
                }

                last = outcome;
                if (outcome == P1Outcome.Valid)
                {
                    _telegram.WriteReadings(time, sink);
                    valid++;
                }
            }

            return valid;
        }

        private void Begin()
        {
            _counters.Telegrams++;
            _telegram.Clear();
            _state = InLine;
            _lineNumber = 0;
            _crc = P1Crc.Initial;
            _unknown = 0;
            _malformedLines = 0;
            _malformedValues = 0;
            _malformedTimes = 0;
            _profileChannel = 0;
        }

        private void EndOfTelegram()
        {
            P1Telegram t = _telegram;
            if (_crcDigits > 0)
            {
                if (_crcValue != _crc)
                {
                    End(P1Outcome.BadCrc);
                    return;
                }

                t.HadCrc = true;
                t.Crc = _crcValue;
            }
            else if (!AcceptsNoCrc || t.Version >= FirstVersionWithCrc)
            {
                End(P1Outcome.MissingCrc);
                return;
            }

            Settle();
            P1Counters c = _counters;
            c.UnknownObis += _unknown;
            c.MalformedLines += _malformedLines;
            c.MalformedValues += _malformedValues;
            c.MalformedTimestamps += _malformedTimes;
            End(P1Outcome.Valid);
        }

        private void End(P1Outcome outcome)
        {
            Outcome = outcome;
            P1Counters c = _counters;
            switch (outcome)
            {
                case P1Outcome.Valid: c.TelegramsValid++; break;
                case P1Outcome.BadCrc: c.RejectedCrc++; break;
                case P1Outcome.MissingCrc: c.RejectedMissingCrc++; break;
                case P1Outcome.Truncated: c.RejectedTruncated++; break;
                default: c.RejectedLineTooLong++; break;
            }
        }

        /// <summary>Turns the fields of a valid telegram into quantities: signed sums, totals from tariff registers
        /// when the meter sends no total, M-Bus values by their channel's device type.</summary>
        private void Settle()
        {
            P1Telegram t = _telegram;
            int rows = P1Fields.Count;
            for (int r = 0; r < rows; r++)
            {
                if (!t.RowPresent[r])
                {
                    continue;
                }

                QuantityId quantity = P1Fields.QuantityOf(r);
                if (quantity == QuantityId.None || P1Fields.KindOf(r) != P1FieldKind.Number)
                {
                    continue;
                }

                Add(quantity, P1Fields.SignOf(r) * t.RowValue[r], t.RowDecimals[r]);
            }

            // DSMR meters of the Netherlands send only the tariff registers 1.8.1/1.8.2: their sum is the total, as the
            // meter's own display shows it.
            if (!t.RowPresent[_rowEnergyImport])
            {
                SumInto(QuantityId.TotalActiveEnergyImport, QuantityId.ActiveEnergyImportT1);
            }

            if (!t.RowPresent[_rowEnergyExport])
            {
                SumInto(QuantityId.TotalActiveEnergyExport, QuantityId.ActiveEnergyExportT1);
            }

            for (int channel = 1; channel <= P1Field.MaxChannel; channel++)
            {
                if (!t.ChannelPresent[channel])
                {
                    continue;
                }

                QuantityId quantity = ChannelQuantity(t.ChannelType[channel], t.ChannelUnit[channel]);
                if (quantity == QuantityId.None || t.QuantityPresent[(int)quantity])
                {
                    // No device type, one of another kind, or a second meter of a kind already given: the value stays
                    // in the telegram's fields but feeds no quantity.
                    _counters.UnmappedChannels++;
                    continue;
                }

                Add(quantity, t.ChannelValue[channel], t.ChannelDecimals[channel]);
            }
        }

        /// <summary>The quantity of an M-Bus device type (EN 13757-3 table 3, as DSMR 5.0.2 §7.3 uses it) whose
        /// value has unit family <paramref name="unit"/>; None when they disagree or the type is none of these.</summary>
        private static QuantityId ChannelQuantity(int deviceType, P1Unit unit)
        {
            switch (deviceType)
            {
                case 0x03: // gas
                    return unit == P1Unit.Volume ? QuantityId.GasVolume : QuantityId.None;
                case 0x06: // warm water
                case 0x07: // water
                    return unit == P1Unit.Volume ? QuantityId.WaterVolume : QuantityId.None;
                case 0x04: // heat, measured at the return
                case 0x0C: // heat, measured at the flow
                    return unit == P1Unit.Heat ? QuantityId.HeatEnergy : QuantityId.None;
                default:
                    return QuantityId.None;
            }
        }

        private void SumInto(QuantityId total, QuantityId first)
        {
            P1Telegram t = _telegram;
            for (int k = 0; k < 4; k++)
            {
                int q = (int)first + k;
                if (t.QuantityPresent[q])
                {
                    Add(total, t.QuantityValue[q], t.QuantityDecimals[q]);
                }
            }
        }

        private void Add(QuantityId quantity, long value, int decimals)
        {
            P1Telegram t = _telegram;
            int q = (int)quantity;
            if (!t.QuantityPresent[q])
            {
                t.QuantityPresent[q] = true;
                t.QuantityValue[q] = value;
                t.QuantityDecimals[q] = (byte)decimals;
                return;
            }

            int held = t.QuantityDecimals[q];
            if (decimals > held)
            {
                t.QuantityValue[q] = t.QuantityValue[q] * DecimalMath.Pow10(decimals - held) + value;
                t.QuantityDecimals[q] = (byte)decimals;
            }
            else
            {
                t.QuantityValue[q] += value * DecimalMath.Pow10(held - decimals);
            }
        }

        /// <summary>One line of <paramref name="length"/> bytes, its CR LF included.</summary>
        private void Line(int length)
        {
            byte[] line = _line;
            int end = length - 1;
            if (end > 0 && line[end - 1] == Cr)
            {
                end--;
            }

            int number = _lineNumber++;
            if (number == 0)
            {
                P1Telegram t = _telegram;
                int keep = end < P1Telegram.MaxHeaderLength ? end : P1Telegram.MaxHeaderLength;
                Array.Copy(line, 0, t.HeaderBytes, 0, keep);
                t.HeaderLength = keep;
                return;
            }

            if (end == 0)
            {
                return;
            }

            if (line[0] == (byte)'(')
            {
                ProfileValue(end);
                return;
            }

            _profileChannel = 0;
            int pos = 0;
            int a = Part(ref pos, end, (byte)'-');
            int b = Part(ref pos, end, (byte)':');
            int c = Part(ref pos, end, (byte)'.');
            int d = Part(ref pos, end, (byte)'.');
            int e = Part(ref pos, end, (byte)'(');
            if ((a | b | c | d | e) < 0)
            {
                _malformedLines++;
                return;
            }

            // Part stopped on the '(' and consumed it: step back so that the groups start on it.
            pos--;
            int row = P1Fields.IndexOf(P1Fields.Pack(a, b, c, d, e));
            if (row < 0)
            {
                _unknown++;
                return;
            }

            if (!Fields(row, b, pos, end))
            {
                _malformedValues++;
            }
        }

        /// <summary>Reads the value groups of row <paramref name="row"/> on channel <paramref name="channel"/> (the
        /// B of the code) from <paramref name="pos"/>; false when they are malformed.</summary>
        private bool Fields(int row, int channel, int pos, int end)
        {
            P1Telegram t = _telegram;
            P1Unit unit = P1Fields.UnitOf(row);
            switch (P1Fields.KindOf(row))
            {
                case P1FieldKind.Number:
                    if (!Group(ref pos, end) || pos != end || !Number(unit))
                    {
                        return false;
                    }

                    t.RowPresent[row] = true;
                    t.RowValue[row] = _number;
                    t.RowDecimals[row] = (byte)_decimals;
                    return row != _rowTariff || _decimals == 0;

                case P1FieldKind.Text:
                    // Kept by nobody: the equipment identifiers are not published this way (see MeterIdentity).
                    while (pos < end)
                    {
                        if (!Group(ref pos, end))
                        {
                            return false;
                        }
                    }

                    return true;

                case P1FieldKind.Timestamp:
                    if (!Group(ref pos, end) || pos != end)
                    {
                        return false;
                    }

                    t.MeterTicks = Time();
                    return true;

                case P1FieldKind.Version:
                    if (!Group(ref pos, end) || pos != end || !Number(P1Unit.None) || _decimals != 0 || _number > 99999)
                    {
                        return false;
                    }

                    t.Version = (int)_number;
                    return true;

                case P1FieldKind.DeviceType:
                    if (!Group(ref pos, end) || pos != end || !Number(P1Unit.None) || _decimals != 0 || _number > 255)
                    {
                        return false;
                    }

                    t.ChannelType[channel] = (int)_number;
                    return true;

                case P1FieldKind.TimedNumber:
                    return TimedNumber(row, unit, channel, pos, end);

                case P1FieldKind.PowerFailureLog:
                    return FailureLog(pos, end);

                case P1FieldKind.PeakHistory:
                    return PeakHistory(pos, end);

                default:
                    return Profile(channel, pos, end);
            }
        }

        private bool TimedNumber(int row, P1Unit unit, int channel, int pos, int end)
        {
            if (!Group(ref pos, end))
            {
                return false;
            }

            long ticks = Time();
            if (!Group(ref pos, end) || pos != end || !Number(unit))
            {
                return false;
            }

            P1Telegram t = _telegram;
            if (channel == 0)
            {
                t.RowPresent[row] = true;
                t.RowValue[row] = _number;
                t.RowDecimals[row] = (byte)_decimals;
                t.RowTicks[row] = ticks;
                return true;
            }

            // e-MUCS sends the gas volume as measured (24.2.3) where DSMR sends it temperature-corrected (24.2.1); a
            // meter that sends both is read by the corrected one.
            bool corrected = row == _rowChannelCorrected;
            if (t.ChannelPresent[channel] && t.ChannelCorrected[channel] && !corrected)
            {
                return true;
            }

            SetChannel(channel, ticks);
            t.ChannelCorrected[channel] = corrected;
            return true;
        }

        private void SetChannel(int channel, long ticks)
        {
            P1Telegram t = _telegram;
            t.ChannelPresent[channel] = true;
            t.ChannelValue[channel] = _number;
            t.ChannelDecimals[channel] = (byte)_decimals;
            t.ChannelUnit[channel] = _unit;
            t.ChannelTicks[channel] = ticks;
        }

        /// <summary>1-0:99.97.0(count)(0-0:96.7.19)(end)(duration*s)...: every listed pair must be there.</summary>
        private bool FailureLog(int pos, int end)
        {
            if (!Group(ref pos, end) || !Number(P1Unit.None) || _decimals != 0)
            {
                return false;
            }

            long count = _number;
            if (!Group(ref pos, end))
            {
                return false;
            }

            P1Telegram t = _telegram;
            int kept = 0;
            for (long k = 0; k < count; k++)
            {
                if (!Group(ref pos, end))
                {
                    return false;
                }

                long ticks = Time();
                if (!Group(ref pos, end) || !Number(P1Unit.Seconds) || _decimals != 0)
                {
                    return false;
                }

                if (kept < P1Telegram.MaxFailures)
                {
                    t.FailureEndTicks[kept] = ticks;
                    t.FailureSeconds[kept] = _number;
                    kept++;
                }
            }

            t.FailureCount = kept;
            return pos == end;
        }

        /// <summary>0-0:98.1.0(count)(1-0:1.6.0)(1-0:1.6.0)(month)(time)(peak*kW)...: every listed triple must be there.</summary>
        private bool PeakHistory(int pos, int end)
        {
            if (!Group(ref pos, end) || !Number(P1Unit.None) || _decimals != 0)
            {
                return false;
            }

            long count = _number;
            if (!Group(ref pos, end) || !Group(ref pos, end))
            {
                return false;
            }

            P1Telegram t = _telegram;
            int kept = 0;
            for (long k = 0; k < count; k++)
            {
                if (!Group(ref pos, end))
                {
                    return false;
                }

                long month = Time();
                if (!Group(ref pos, end))
                {
                    return false;
                }

                long peak = Time();
                if (!Group(ref pos, end) || !Number(P1Unit.Power))
                {
                    return false;
                }

                if (kept < P1Telegram.MaxPeaks)
                {
                    t.PeakMonthTicks[kept] = month;
                    t.PeakTicks[kept] = peak;
                    t.PeakValue[kept] = _number;
                    t.PeakDecimals[kept] = (byte)_decimals;
                    kept++;
                }
            }

            t.PeakCount = kept;
            return pos == end;
        }

        /// <summary>DSMR 2.2 0-n:24.3.0(time)(period)(interval)(count)(0-n:24.2.1)(unit): the value follows alone on
        /// the next line, in the unit given here.</summary>
        private bool Profile(int channel, int pos, int end)
        {
            for (int k = 0; k < 5; k++)
            {
                if (!Group(ref pos, end))
                {
                    return false;
                }
            }

            // The capture time has no DST letter in DSMR 2.2 (YYMMDDhhmmss): its offset from UTC is unknown, so the
            // value goes without a time, and the form is not counted as malformed.
            if (!Group(ref pos, end) || pos != end || !Unit(_groupStart, _groupEnd))
            {
                return false;
            }

            if (_unit != P1Unit.Volume && _unit != P1Unit.Heat)
            {
                return false;
            }

            _profileChannel = channel;
            _profileUnit = _unit;
            _profileScale = _unitScale;
            return true;
        }

        private void ProfileValue(int end)
        {
            int channel = _profileChannel;
            _profileChannel = 0;
            if (channel == 0)
            {
                _malformedLines++;
                return;
            }

            int pos = 0;
            if (!Group(ref pos, end) || pos != end || !Number(P1Unit.None) || !Scale(_profileScale))
            {
                _malformedValues++;
                return;
            }

            _unit = _profileUnit;
            SetChannel(channel, 0);
            _telegram.ChannelCorrected[channel] = true;
        }

        /// <summary>Reads decimal digits up to <paramref name="stop"/> (consumed); -1 when there are none, more
        /// than three, the value exceeds 255 or another byte comes first.</summary>
        private int Part(ref int pos, int end, byte stop)
        {
            byte[] line = _line;
            int value = 0;
            int start = pos;
            while (pos < end)
            {
                int digit = line[pos] - '0';
                if (digit < 0 || digit > 9)
                {
                    break;
                }

                value = value * 10 + digit;
                pos++;
            }

            int digits = pos - start;
            if (digits == 0 || digits > 3 || value > 255 || pos == end || line[pos] != stop)
            {
                return -1;
            }

            pos++;
            return value;
        }

        /// <summary>The bracket group at <paramref name="pos"/>: sets its content bounds and moves past its ')'.</summary>
        private bool Group(ref int pos, int end)
        {
            byte[] line = _line;
            if (pos >= end || line[pos] != (byte)'(')
            {
                return false;
            }

            int close = pos + 1;
            while (close < end && line[close] != (byte)')')
            {
                close++;
            }

            if (close == end)
            {
                return false;
            }

            _groupStart = pos + 1;
            _groupEnd = close;
            pos = close + 1;
            return true;
        }

        /// <summary>
        /// The current group as a number "digits[.digits][*unit]": sets <see cref="_number"/> and
        /// <see cref="_decimals"/> in the canonical unit of the family (kWh to Wh, kW to W, GJ to J...). The unit
        /// must be of <paramref name="family"/> (any family for <see cref="P1Unit.Channel"/> but volume or heat
        /// refused there), and absent for <see cref="P1Unit.None"/>. Integer amperes "(001*A)" and decimal ones
        /// "(0.48*A)" both read: the point is where the meter prints it.
        /// </summary>
        private bool Number(P1Unit family)
        {
            byte[] line = _line;
            int pos = _groupStart;
            int end = _groupEnd;
            long value = 0;
            int digits = 0;
            int decimals = -1;
            while (pos < end)
            {
                byte b = line[pos];
                if (b >= (byte)'0' && b <= (byte)'9')
                {
                    if (digits == 18)
                    {
                        return false;
                    }

                    value = value * 10 + (b - '0');
                    if (value != 0)
                    {
                        digits++;
                    }

                    if (decimals >= 0)
                    {
                        decimals++;
                    }
                }
                else if (b == (byte)'.' && decimals < 0)
                {
                    decimals = 0;
                }
                else
                {
                    break;
                }

                pos++;
            }

            if (pos == _groupStart || decimals == 0)
            {
                return false;
            }

            if (decimals < 0)
            {
                decimals = 0;
            }

            if (decimals > Reading.MaxDecimals)
            {
                return false;
            }

            _number = value;
            _decimals = decimals;
            if (pos == end)
            {
                _unit = P1Unit.None;
                return family == P1Unit.None;
            }

            if (line[pos] != (byte)'*' || family == P1Unit.None || !Unit(pos + 1, end))
            {
                return false;
            }

            if (family == P1Unit.Channel ? (_unit != P1Unit.Volume && _unit != P1Unit.Heat) : _unit != family)
            {
                return false;
            }

            return Scale(_unitScale);
        }

        /// <summary>Multiplies the parsed number by 10^<paramref name="exponent"/> (a unit prefix) exactly, taking
        /// decimals off first; false when the result would not fit.</summary>
        private bool Scale(int exponent)
        {
            if (exponent == 0)
            {
                return true;
            }

            if (_decimals >= exponent)
            {
                _decimals -= exponent;
                return true;
            }

            int up = exponent - _decimals;
            _decimals = 0;
            if (_number > long.MaxValue / DecimalMath.Pow10(up))
            {
                return false;
            }

            _number *= DecimalMath.Pow10(up);
            return true;
        }

        private int _unitScale;

        /// <summary>
        /// Reads the unit in <paramref name="start"/>..<paramref name="end"/> (DSMR 5.0.2 §6.12 spellings, and the
        /// Wh, W, varh, var of meters that send base units): sets <see cref="_unit"/> to its family and
        /// <see cref="_unitScale"/> to its power of ten from the canonical unit; false for any other unit.
        /// </summary>
        private bool Unit(int start, int end)
        {
            byte[] u = _line;
            int length = end - start;
            int s = 0;
            if (length >= 2 && u[start] == (byte)'k')
            {
                // A kilo prefix, on W, Wh, var, varh only (checked below).
                s = 3;
                start++;
                length--;
            }

            switch (length)
            {
                case 1:
                    switch (u[start])
                    {
                        case (byte)'W': return Found(P1Unit.Power, s);
                        case (byte)'V': return s == 0 && Found(P1Unit.Voltage, 0);
                        case (byte)'A': return s == 0 && Found(P1Unit.Current, 0);
                        case (byte)'s': return s == 0 && Found(P1Unit.Seconds, 0);
                        default: return false;
                    }

                case 2:
                    if (u[start] == (byte)'W' && u[start + 1] == (byte)'h')
                    {
                        return Found(P1Unit.Energy, s);
                    }

                    if (s == 0 && u[start] == (byte)'m' && u[start + 1] == (byte)'3')
                    {
                        return Found(P1Unit.Volume, 0);
                    }

                    if (s == 0 && u[start + 1] == (byte)'J')
                    {
                        // Heat in GJ or MJ, to J.
                        return u[start] == (byte)'G' ? Found(P1Unit.Heat, 9) : u[start] == (byte)'M' && Found(P1Unit.Heat, 6);
                    }

                    return false;

                case 3:
                    return Var(start) && Found(P1Unit.ReactivePower, s);

                case 4:
                    return Var(start) && (u[start + 3] | 0x20) == (byte)'h' && Found(P1Unit.ReactiveEnergy, s);

                default:
                    return false;
            }
        }

        /// <summary>"var" in any case (meters print var, VAr, kVAr).</summary>
        private bool Var(int start)
        {
            byte[] u = _line;
            return (u[start] | 0x20) == (byte)'v' && (u[start + 1] | 0x20) == (byte)'a' && (u[start + 2] | 0x20) == (byte)'r';
        }

        private bool Found(P1Unit unit, int scale)
        {
            _unit = unit;
            _unitScale = scale;
            return true;
        }

        /// <summary>
        /// The current group as a timestamp YYMMDDhhmmssX (DSMR 5.0.2 §6.4): local time of the Netherlands and
        /// Belgium, X = W when DST is not active (UTC+1) and S when it is (UTC+2). Returns its UTC ticks, or 0 when it
        /// is not of that form or not a real date and time, counted among the malformed
        /// timestamps (meters print "632525252525W" for a peak not yet recorded): the value it goes with is kept,
        /// without a time, since the standard makes the time an attribute of the value and the CRC vouches for the value.
        /// </summary>
        private long Time()
        {
            byte[] line = _line;
            int start = _groupStart;
            if (_groupEnd - start != 13)
            {
                _malformedTimes++;
                return 0;
            }

            int offsetHours;
            byte zone = line[start + 12];
            if (zone == (byte)'W')
            {
                offsetHours = 1;
            }
            else if (zone == (byte)'S')
            {
                offsetHours = 2;
            }
            else
            {
                _malformedTimes++;
                return 0;
            }

            int year = Two(line, start);
            int month = Two(line, start + 2);
            int day = Two(line, start + 4);
            int hour = Two(line, start + 6);
            int minute = Two(line, start + 8);
            int second = Two(line, start + 10);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(2000 + year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
            {
                _malformedTimes++;
                return 0;
            }

            return new DateTime(2000 + year, month, day, hour, minute, second).Ticks - offsetHours * TimeSpan.TicksPerHour;
        }

        private static int Two(byte[] buffer, int at)
        {
            int tens = buffer[at] - '0';
            int units = buffer[at + 1] - '0';
            if (tens < 0 || tens > 9 || units < 0 || units > 9)
            {
                return -1;
            }

            return tens * 10 + units;
        }

        private static int Hex(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9')
            {
                return b - '0';
            }

            if (b >= (byte)'A' && b <= (byte)'F')
            {
                return b - 'A' + 10;
            }

            if (b >= (byte)'a' && b <= (byte)'f')
            {
                return b - 'a' + 10;
            }

            return -1;
        }
    }
}
