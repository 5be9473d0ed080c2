#nullable disable
using System;
using Edge.Core.Model;
using Edge.Core.Security;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Turns valid groups into readings of the canonical quantities, and keeps what a frame says as a whole:
    /// the meter's clock (DATE), status (STGE), tariff period, identifier, and the total import energy of
    /// historique mode (the sum of the index registers, emitted only from a frame whose every group was valid,
    /// because a sum with one register missing would look like a meter reset).
    /// Overload warnings (ADPS, ADIR1-3 in historique; STGE bit 7 in standard) become events: "started" at the
    /// first group that signals it, "ended" at the first valid frame without it.
    /// </summary>
    public sealed class TicFrameInterpreter
    {
        /// <summary>Enedis contracts: 1 kVA of subscribed power per 5 A of ISOUSC (6 kVA = 30 A), i.e. 200 VA/A.</summary>
        private const long VoltAmperesPerSubscribedAmpere = 200;

        private static readonly string[] PeriodCodes = { "TH..", "HC..", "HP..", "HN..", "PM..", "HCJB", "HPJB", "HCJW", "HPJW", "HCJR", "HPJR" };

        // Register index of each PTEC code, matching the Tn of the option's index labels (HCHC is T1, HCHP T2...).
        private static readonly byte[] PeriodIndexes = { 1, 1, 2, 1, 2, 1, 2, 3, 4, 5, 6 };

        private readonly MeterIdentity _identity;
        private readonly TicCounters _counters;
        private long _historiqueTotal;
        private int _historiqueRegisters;
        private bool _overloadInFrame;
        private Reading _overloadReading;
        private long _apparentPower;

        public TicFrameInterpreter(MeterIdentity identity, TicCounters counters)
        {
            _identity = identity;
            _counters = counters;
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
            _historiqueTotal = 0;
            _historiqueRegisters = 0;
            _overloadInFrame = false;
        }

        /// <summary>Maps one valid group; returns false (and counts a bad value) if its data does not fit its label.</summary>
        public bool Apply(TicGroup group, DateTime time, IReadingSink sink)
        {
            TicLabel label = group.Label;
            if (label == null)
            {
                return true;
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
                    if (label.IsHistoriqueIndex)
                    {
                        _historiqueTotal += value;
                        _historiqueRegisters++;
                    }

                    break;

                case TicValueKind.Measure:
                    if (label.Quantity == QuantityId.TotalApparentPower)
                    {
                        _apparentPower = value;
                    }

                    break;

                case TicValueKind.SubscribedCurrent:
                    value *= VoltAmperesPerSubscribedAmpere;
                    break;

                case TicValueKind.KiloVoltAmpere:
                    value *= 1000;
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

        /// <summary>Closes a frame: emits what needs the whole frame, if every group of it was valid.</summary>
        public void EndFrame(bool valid, DateTime time, IReadingSink sink)
        {
            if (!valid)
            {
                return;
            }

            if (_historiqueRegisters > 0)
            {
                sink.Add(new Reading(QuantityId.TotalActiveEnergyImport, _historiqueTotal, 0, time, ReadingQuality.Good));
            }

            if (OverloadActive && !_overloadInFrame)
            {
                OverloadActive = false;
                Reading reading = _overloadReading;
                reading.Value = 0;
                reading.Time = time;
                sink.AddEvent(MeterEventKind.OverloadEnded, reading);
            }
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
