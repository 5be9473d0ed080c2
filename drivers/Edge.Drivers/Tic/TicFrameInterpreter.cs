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
    /// complete and valid: EAST in standard mode; in historique mode the sum of the index registers of the frame's
    /// tariff option (OPTARIF: BASE; HC.. HCHC + HCHP; EJP. EJPHN + EJPHPM; BBRx the six BBRH* indexes), formed
    /// only if the frame carries every one of them, because a sum with one register missing would look like a
    /// meter reset. A valid frame that gives no total is counted (<see cref="TicCounters.FramesWithoutTotal"/>).</para>
    /// <para>The historique subscribed power waits for the frame's end too: ISOUSC is per phase, and the groups that
    /// show a three-phase meter come after it (<see cref="TicPowerCeiling.SubscribedVoltAmperes"/>).</para>
    /// Overload warnings (ADPS, ADIR1-3 in historique; STGE bit 7 in standard) become events: "started" at the
    /// first group that signals it, "ended" at the first valid frame without it.
    /// </summary>
    public sealed class TicFrameInterpreter
    {
        private static readonly string[] PeriodCodes = { "TH..", "HC..", "HP..", "HN..", "PM..", "HCJB", "HPJB", "HCJW", "HPJW", "HCJR", "HPJR" };

        // Register index of each PTEC code, matching the Tn of the option's index labels (HCHC is T1, HCHP T2...).
        private static readonly byte[] PeriodIndexes = { 1, 1, 2, 1, 2, 1, 2, 3, 4, 5, 6 };

        /// <summary>The guard's slot of the historique total, after those of the registers.</summary>
        private static readonly int HistoriqueTotalSlot = TicLabels.RegisterCount;

        /// <summary>EAST's slot: the register that is the total import energy in standard mode.</summary>
        private static readonly int StandardTotalSlot = RegisterOf(QuantityId.TotalActiveEnergyImport);

        private readonly MeterIdentity _identity;
        private readonly TicCounters _counters;
        private readonly TicRegisterGuard _guard;
        private readonly TicPowerCeiling _ceiling = new TicPowerCeiling();

        // The energy registers of the frame being read, by slot, for the total formed at its end.
        private readonly long[] _registers = new long[TicLabels.RegisterCount];
        private readonly bool[] _hasRegister = new bool[TicLabels.RegisterCount];
        private TicTariffOption _option;
        private bool _overloadInFrame;
        private Reading _overloadReading;
        private long _apparentPower;

        public TicFrameInterpreter(MeterIdentity identity, TicCounters counters)
        {
            _identity = identity;
            _counters = counters;
            _guard = new TicRegisterGuard(TicLabels.RegisterCount + 1, counters);
        }

        /// <summary>True once a DATE group was decoded; <see cref="MeterTime"/> is then the last one.</summary>
        public bool HasMeterTime { get; private set; }

        public TicHorodate MeterTime { get; private set; }

        public bool HasStatus { get; private set; }

        public TicStatus Status { get; private set; }

        /// <summary>Register index of the current tariff period (1 for T1), 0 until known.</summary>
        public int TariffIndex { get; private set; }

        /// <summary>True while the meter signals an overload.</summary>
        public bool OverloadActive { get; private set; }

        public MeterIdentity Identity
        {
            get { return _identity; }
        }

        public void BeginFrame()
        {
            ForgetRegisters();
            _ceiling.BeginFrame();
            _overloadInFrame = false;
        }

        /// <summary>Maps one valid group; returns false (and counts a bad value) if its value means nothing for its
        /// label: the frame is then invalid.</summary>
        public bool Apply(TicGroup group, DateTime time, IReadingSink sink)
        {
            TicLabel label = group.Label;
            if (label == null)
            {
                return true;
            }

            if (label.ThreePhaseOnly)
            {
                _ceiling.ThreePhase();
            }

            byte[] b = group.Buffer;
            switch (label.Kind)
            {
                case TicValueKind.Energy:
                case TicValueKind.Measure:
                case TicValueKind.SubscribedCurrent:
                case TicValueKind.KiloVoltAmpere:
                case TicValueKind.TariffIndex:
                case TicValueKind.OverloadAlert:
                    long value;
                    if (!TicText.TryParseDecimal(b, group.ValueStart, group.ValueLength, out value))
                    {
                        return BadValue();
                    }

                    return ApplyNumber(label, value, time, sink);

                case TicValueKind.TariffPeriodCode:
                    int index = PeriodIndex(b, group.ValueStart, group.ValueLength);
                    if (index == 0)
                    {
                        return BadValue();
                    }

                    TariffIndex = index;
                    sink.Add(new Reading(QuantityId.TariffPeriod, index, 0, time, ReadingQuality.Good));
                    return true;

                case TicValueKind.Status:
                    uint status;
                    if (group.ValueLength != 8 || !TicText.TryParseHex(b, group.ValueStart, 8, out status))
                    {
                        return BadValue();
                    }

                    Status = new TicStatus(status);
                    HasStatus = true;
                    if (Status.Overload)
                    {
                        SignalOverload(new Reading(QuantityId.TotalApparentPower, _apparentPower, 0, time, ReadingQuality.Good), sink);
                    }

                    return true;

                case TicValueKind.MeterDate:
                    TicHorodate horodate;
                    if (!group.HasHorodate || !TicHorodate.TryParse(b, group.HorodateStart, group.HorodateLength, out horodate))
                    {
                        return BadValue();
                    }

                    MeterTime = horodate;
                    HasMeterTime = true;
                    return true;

                case TicValueKind.TariffOption:
                    _option = OptionOf(b, group.ValueStart, group.ValueLength);
                    return true;

                case TicValueKind.MeterId:
                    // The meter's address (ADCO, ADSC) identifies it; the PRM names the delivery point and is
                    // not mixed in, or the identity would change at every group.
                    if (_identity != null && !group.LabelIs("PRM"))
                    {
                        _identity.Update(b, group.ValueStart, group.ValueLength);
                    }

                    return true;

                default:
                    return true;
            }
        }

        private bool ApplyNumber(TicLabel label, long value, DateTime time, IReadingSink sink)
        {
            switch (label.Kind)
            {
                case TicValueKind.Energy:
                    // Kept for the totals at the frame's end; the same register twice with two values is not a
                    // frame to trust. EAST is itself the total: published at the frame's end, if it is complete.
                    int slot = label.RegisterSlot;
                    if (_hasRegister[slot] && _registers[slot] != value)
                    {
                        return BadValue();
                    }

                    _registers[slot] = value;
                    _hasRegister[slot] = true;
                    if (slot != StandardTotalSlot)
                    {
                        PublishRegister(slot, label.Quantity, value, time, sink);
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
                    SignalOverload(new Reading(label.Quantity, value, 0, time, ReadingQuality.Good), sink);
                    return true;
            }

            sink.Add(new Reading(label.Quantity, value, 0, time, ReadingQuality.Good));
            return true;
        }

        /// <summary>Closes a frame (ended, or aborted: not valid): emits what needs the whole frame, if it is
        /// complete and valid, then forgets the frame's registers.</summary>
        public void EndFrame(bool valid, DateTime time, IReadingSink sink)
        {
            if (!valid)
            {
                ForgetRegisters();
                return;
            }

            _ceiling.EndFrame();
            if (_ceiling.HasSubscribedCurrent)
            {
                sink.Add(new Reading(QuantityId.SubscribedPower, _ceiling.SubscribedVoltAmperes, 0, time, ReadingQuality.Good));
            }

            long sum;
            if (_hasRegister[StandardTotalSlot])
            {
                PublishRegister(StandardTotalSlot, QuantityId.TotalActiveEnergyImport, _registers[StandardTotalSlot], time, sink);
            }
            else if (HistoriqueTotal(out sum))
            {
                PublishRegister(HistoriqueTotalSlot, QuantityId.TotalActiveEnergyImport, sum, time, sink);
            }
            else
            {
                _counters.FramesWithoutTotal++;
            }

            ForgetRegisters();

            if (OverloadActive && !_overloadInFrame)
            {
                OverloadActive = false;
                Reading reading = _overloadReading;
                reading.Value = 0;
                reading.Time = time;
                sink.AddEvent(MeterEventKind.OverloadEnded, reading);
            }
        }

        private void ForgetRegisters()
        {
            for (int i = 0; i < _hasRegister.Length; i++)
            {
                _hasRegister[i] = false;
            }

            _option = TicTariffOption.None;
        }

        private static int RegisterOf(QuantityId quantity)
        {
            for (int slot = 0; slot < TicLabels.RegisterCount; slot++)
            {
                if (TicLabels.Register(slot).Quantity == quantity)
                {
                    return slot;
                }
            }

            return -1;
        }

        private void PublishRegister(int slot, QuantityId quantity, long value, DateTime time, IReadingSink sink)
        {
            if (_guard.Accept(slot, value, time, _ceiling.MaxVoltAmperes))
            {
                sink.Add(new Reading(quantity, value, 0, time, ReadingQuality.Good));
            }
        }

        /// <summary>The sum of the index registers of the frame's tariff option, if the frame carries all of them.</summary>
        private bool HistoriqueTotal(out long sum)
        {
            sum = 0;
            if (_option == TicTariffOption.None || _option == TicTariffOption.Unknown)
            {
                return false;
            }

            for (int slot = 0; slot < _hasRegister.Length; slot++)
            {
                if (TicLabels.Register(slot).Option == _option)
                {
                    if (!_hasRegister[slot])
                    {
                        sum = 0;
                        return false;
                    }

                    sum += _registers[slot];
                }
            }

            return true;
        }

        /// <summary>OPTARIF (Enedis-NOI-CPT_02E section 6): BASE, HC.., EJP., or BBRx where x is the meter's programme.</summary>
        private static TicTariffOption OptionOf(byte[] buffer, int start, int length)
        {
            if (TicText.Equals(buffer, start, length, "BASE"))
            {
                return TicTariffOption.Base;
            }

            if (TicText.Equals(buffer, start, length, "HC.."))
            {
                return TicTariffOption.OffPeak;
            }

            if (TicText.Equals(buffer, start, length, "EJP."))
            {
                return TicTariffOption.Ejp;
            }

            if (length == 4 && TicText.Equals(buffer, start, 3, "BBR"))
            {
                return TicTariffOption.Tempo;
            }

            return TicTariffOption.Unknown;
        }

        private void SignalOverload(Reading reading, IReadingSink sink)
        {
            _overloadInFrame = true;
            _overloadReading = reading;
            if (!OverloadActive)
            {
                OverloadActive = true;
                sink.AddEvent(MeterEventKind.OverloadStarted, reading);
            }
        }

        private bool BadValue()
        {
            _counters.BadValues++;
            return false;
        }

        private static int PeriodIndex(byte[] buffer, int start, int length)
        {
            for (int i = 0; i < PeriodCodes.Length; i++)
            {
                if (TicText.Equals(buffer, start, length, PeriodCodes[i]))
                {
                    return PeriodIndexes[i];
                }
            }

            return 0;
        }
    }
}
