#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Security;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Turns valid groups into readings of the canonical quantities, and keeps what a frame says as a whole:
    /// the meter's clock (DATE), status (STGE), tariff period, identifier, and its energy registers.
    /// <para>Every energy register goes through <see cref="TicRegisterGuard"/>: a value that moved backwards, or
    /// forwards faster than the meter's power allows, is held back. Each index register stands on its own group's
    /// checks and is published with it. The total import energy is published only from a frame that ended
    /// complete and valid (<see cref="TicEnergyRegisters"/>); a valid frame that gives no total is counted
    /// (<see cref="TicCounters.FramesWithoutTotal"/>).</para>
    /// <para>The historique subscribed power waits for the frame's end too: ISOUSC is per phase, and the groups that
    /// show a three-phase meter come after it (<see cref="TicPowerCeiling.SubscribedVoltAmperes"/>).</para>
    /// <para>Overload warnings (ADPS, ADIR1-3 in historique; STGE bit 7 in standard) become events
    /// (<see cref="TicOverloadAlarm"/>): "started" at the first group that signals it, "ended" at the first valid
    /// frame without it.</para>
    /// </summary>
    public sealed class TicFrameInterpreter
    {
        private static readonly string[] PeriodCodes = { "TH..", "HC..", "HP..", "HN..", "PM..", "HCJB", "HPJB", "HCJW", "HPJW", "HCJR", "HPJR" };

        // Register index of each PTEC code, matching the Tn of the option's index labels (HCHC is T1, HCHP T2...).
        private static readonly byte[] PeriodIndexes = { 1, 1, 2, 1, 2, 1, 2, 3, 4, 5, 6 };

        // Each PTEC code as one number, its 4 characters 7 bits each (TicLabels.KeyOf): the value of a PTEC group is
        // compared with 11 numbers instead of 11 texts character by character, once a frame in historique mode.
        private static readonly int[] PeriodKeys = KeysOf(PeriodCodes);

        private readonly MeterIdentity _identity;

        /// <summary>The meter address last handed to <see cref="_identity"/>, as the number the decoder read its 12
        /// digits into; -1 before any. Every frame carries the same address, so it is compared as one number rather
        /// than byte by byte.</summary>
        private long _identityNumber = -1;
        private readonly TicCounters _counters;
        private readonly TicPowerCeiling _ceiling = new TicPowerCeiling();
        private readonly TicEnergyRegisters _energy;
        private readonly TicOverloadAlarm _overload = new TicOverloadAlarm();

        // The last apparent power, VA (PAPP, SINSTS): the value sent with an overload that STGE signals.
        private long _apparentPower;

        /// <summary>
        /// An interpreter that updates <paramref name="identity"/> (may be null) from the meter's address and counts
        /// bad values, held-back registers and frames without a total into <paramref name="counters"/>, normally the
        /// decoder's.
        /// </summary>
        public TicFrameInterpreter(MeterIdentity identity, TicCounters counters)
        {
            _identity = identity;
            _counters = counters;
            _energy = new TicEnergyRegisters(counters, _ceiling);
        }

        /// <summary>True once a DATE group was decoded; <see cref="MeterTime"/> is then the last one.</summary>
        public bool HasMeterTime { get; private set; }

        /// <summary>The meter's clock from the last DATE group (standard mode); valid only when
        /// <see cref="HasMeterTime"/>.</summary>
        public TicHorodate MeterTime { get; private set; }

        /// <summary>True once an STGE group was decoded; <see cref="Status"/> is then the last one.</summary>
        public bool HasStatus { get; private set; }

        /// <summary>The meter's status register from the last STGE group (standard mode); valid only when
        /// <see cref="HasStatus"/>.</summary>
        public TicStatus Status { get; private set; }

        /// <summary>Register index of the current tariff period (1 for T1), 0 until known.</summary>
        public int TariffIndex { get; private set; }

        /// <summary>True while the meter signals an overload.</summary>
        public bool OverloadActive
        {
            get { return _overload.Active; }
        }

        /// <summary>The meter's identity given at construction, updated from its address (ADCO, ADSC); null if
        /// none was given.</summary>
        public MeterIdentity Identity
        {
            get { return _identity; }
        }

        /// <summary>A frame starts (STX): the energy registers, tariff option and subscription it states are gathered
        /// afresh, and it has signalled no overload yet.</summary>
        public void BeginFrame()
        {
            _energy.Forget();
            _ceiling.BeginFrame();
            _overload.BeginFrame();
        }

        /// <summary>Maps one valid group; returns false (and counts a bad value) if its value means nothing for its
        /// label: the frame is then invalid.</summary>
        public bool Apply(TicGroup group, DateTime time, IReadingSink sink)
        {
            // The group's and the label's fields are read directly, not through their properties: this runs for
            // every group, and on the nanoFramework interpreter each property access is a call.
            TicLabel label = group.LabelField;
            if (label == null)
            {
                return true;
            }

            if (label.ThreePhaseOnly)
            {
                _ceiling.ThreePhase();
            }

            // The decoder passed a numeric label's group only if its value is the label's number of digits
            // (TicLabel.Fits), which left the number in the group: no second parse of the digits. The numeric kinds
            // are handled in the same switch as the others, without a second call and switch of their own; those
            // that publish the value as it is go to the end.
            long value = group.Number;
            byte[] b = group.BufferField;
            switch (label.Kind)
            {
                case TicValueKind.Energy:
                    // Kept for the totals at the frame's end; EAST is itself the total: published at the frame's
                    // end, if it is complete.
                    if (!_energy.Add(label, value, time, sink))
                    {
                        return BadValue();
                    }

                    return true;

                case TicValueKind.Measure:
                    if (label.Quantity == QuantityId.TotalApparentPower)
                    {
                        _apparentPower = value;
                    }

                    break;

                case TicValueKind.SubscribedCurrent:
                    // Published at the frame's end, once the frame has said whether the meter is three-phase.
                    _ceiling.SubscribedCurrent(value);
                    return true;

                case TicValueKind.KiloVoltAmpere:
                    value *= 1000;
                    if (label.Quantity == QuantityId.CutoffPower)
                    {
                        _ceiling.CutoffPower(value);
                    }
                    else
                    {
                        _ceiling.ReferencePower(value);
                    }

                    break;

                case TicValueKind.TariffIndex:
                    if (value < 1 || value > 10)
                    {
                        return BadValue();
                    }

                    TariffIndex = (int)value;
                    break;

                case TicValueKind.OverloadAlert:
                    _overload.Signal(new Reading(label.Quantity, value, 0, time, ReadingQuality.Good), sink);
                    return true;

                case TicValueKind.TariffPeriodCode:
                    int index = PeriodIndex(b, group.ValueStartField, group.ValueLengthField);
                    if (index == 0)
                    {
                        return BadValue();
                    }

                    TariffIndex = index;
                    sink.Add(new Reading(QuantityId.TariffPeriod, index, 0, time, ReadingQuality.Good));
                    return true;

                case TicValueKind.Status:
                    uint status;
                    if (group.ValueLengthField != 8 || !TicText.TryParseHex(b, group.ValueStartField, 8, out status))
                    {
                        return BadValue();
                    }

                    Status = new TicStatus(status);
                    HasStatus = true;
                    if (Status.Overload)
                    {
                        _overload.Signal(new Reading(QuantityId.TotalApparentPower, _apparentPower, 0, time, ReadingQuality.Good), sink);
                    }

                    return true;

                case TicValueKind.MeterDate:
                    TicHorodate horodate;
                    if (group.HorodateStartField < 0 || !TicHorodate.TryParse(b, group.HorodateStartField, group.HorodateLengthField, out horodate))
                    {
                        return BadValue();
                    }

                    MeterTime = horodate;
                    HasMeterTime = true;
                    return true;

                case TicValueKind.TariffOption:
                    _energy.SetTariffOption(b, group.ValueStartField, group.ValueLengthField);
                    return true;

                case TicValueKind.MeterId:
                    // The meter's address (ADCO, ADSC) identifies it; the PRM names the delivery point and is
                    // not mixed in, or the identity would change at every group.
                    if (_identity != null && group.Number != _identityNumber && !group.LabelIs("PRM"))
                    {
                        // The value passed its label's check, so it is all digits, as many as the label has: equal
                        // numbers are equal addresses.
                        _identity.Update(b, group.ValueStartField, group.ValueLengthField);
                        _identityNumber = group.Number;
                    }

                    return true;

                default:
                    return true;
            }

            // The reading's fields stored one by one, not through its constructor: a value with no decimals needs
            // none of the constructor's range check, and on the nanoFramework interpreter the call costs more than
            // the stores (most of a frame's readings pass here).
            Reading reading;
            reading.Quantity = label.Quantity;
            reading.Value = value;
            reading.Decimals = 0;
            reading.Time = time;
            reading.Quality = ReadingQuality.Good;
            sink.Add(reading);
            return true;
        }

        /// <summary>Closes a frame (ended, or aborted: not valid): emits what needs the whole frame, if it is
        /// complete and valid, then forgets the frame's registers.</summary>
        public void EndFrame(bool valid, DateTime time, IReadingSink sink)
        {
            if (!valid)
            {
                _energy.Forget();
                return;
            }

            _ceiling.EndFrame();
            if (_ceiling.HasSubscribedCurrent)
            {
                sink.Add(new Reading(QuantityId.SubscribedPower, _ceiling.SubscribedVoltAmperes, 0, time, ReadingQuality.Good));
            }

            _energy.EndFrame(time, sink);
            _overload.EndFrame(time, sink);
        }

        private bool BadValue()
        {
            _counters.BadValues++;
            return false;
        }

        private static int PeriodIndex(byte[] buffer, int start, int length)
        {
            // Every code has 4 characters; a group's bytes have 7 bits (the decoder cleared bit 7), so the key of
            // 4 of them tells every text of 4 from every other.
            if (length != 4)
            {
                return 0;
            }

            int key = (buffer[start] << 21) | (buffer[start + 1] << 14) | (buffer[start + 2] << 7) | buffer[start + 3];
            int[] keys = PeriodKeys;
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] == key)
                {
                    return PeriodIndexes[i];
                }
            }

            return 0;
        }

        private static int[] KeysOf(string[] codes)
        {
            int[] keys = new int[codes.Length];
            for (int i = 0; i < codes.Length; i++)
            {
                keys[i] = (int)TicLabels.KeyOf(codes[i]);
            }

            return keys;
        }
    }
}
