#nullable disable
using System;
using Edge.Core.Model;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// The energy registers of the frame being read, published through <see cref="TicRegisterGuard"/>, and the total
    /// import energy formed from them once the frame has ended complete and valid: EAST in standard mode; in
    /// historique mode the sum of the index registers of the frame's tariff option (OPTARIF: BASE; HC.. HCHC + HCHP;
    /// EJP. EJPHN + EJPHPM; BBRx the six BBRH* indexes), formed only if the frame carries every one of them, because
    /// a sum with one register missing would look like a meter reset.
    /// <para>The frame's registers are kept in arrays allocated once, one slot per register
    /// (<see cref="TicLabel.RegisterSlot"/>): nothing is allocated per frame.</para>
    /// </summary>
    public sealed class TicEnergyRegisters
    {
        /// <summary>The guard's slot of the historique total, after those of the registers.</summary>
        private static readonly int HistoriqueTotalSlot = TicLabels.RegisterCount;

        /// <summary>EAST's slot: the register that is the total import energy in standard mode.</summary>
        private static readonly int StandardTotalSlot = RegisterOf(QuantityId.TotalActiveEnergyImport);

        /// <summary>The tariff option of each register slot (<see cref="TicLabel.Option"/>), so that forming the
        /// historique total once a frame reads an array rather than calling into the label table per slot.</summary>
        private static readonly TicTariffOption[] SlotOptions = OptionsOfSlots();

        // By tariff option, the first slot of its registers and the slot after its last: the historique total of a
        // frame looks at those slots only (6 for Tempo), not at every register of both modes.
        private static readonly byte[] FirstSlotOfOption = SlotBounds(true);
        private static readonly byte[] EndSlotOfOption = SlotBounds(false);

        private readonly TicCounters _counters;
        private readonly TicPowerCeiling _ceiling;
        private readonly TicRegisterGuard _guard;

        // The energy registers of the frame being read, by slot, for the total formed at its end.
        private readonly long[] _registers = new long[TicLabels.RegisterCount];
        private readonly bool[] _hasRegister = new bool[TicLabels.RegisterCount];
        private TicTariffOption _option;

        /// <summary>
        /// Registers counted into <paramref name="counters"/> (values held back, rebased, frames without a total),
        /// whose values are bounded by the power <paramref name="ceiling"/> allows at the time each is published.
        /// </summary>
        public TicEnergyRegisters(TicCounters counters, TicPowerCeiling ceiling)
        {
            _counters = counters;
            _ceiling = ceiling;
            _guard = new TicRegisterGuard(TicLabels.RegisterCount + 1, counters);
        }

        /// <summary>
        /// Keeps the value, Wh or varh, of the energy register <paramref name="label"/> for the frame's total and
        /// publishes it to <paramref name="sink"/> if the guard accepts it (EAST, itself the total, waits for the
        /// frame's end). False if the frame already gave this register another value: the frame is not to be trusted.
        /// </summary>
        public bool Add(TicLabel label, long value, DateTime time, IReadingSink sink)
        {
            // The same register twice with two values is not a frame to trust.
            int slot = label.RegisterSlot;
            if (_hasRegister[slot] && _registers[slot] != value)
            {
                return false;
            }

            _registers[slot] = value;
            _hasRegister[slot] = true;
            if (slot != StandardTotalSlot)
            {
                Publish(slot, label.Quantity, value, time, sink);
            }

            return true;
        }

        /// <summary>Takes the frame's tariff option from the OPTARIF value at <paramref name="start"/>; it says which
        /// index registers the historique total adds up.</summary>
        public void SetTariffOption(byte[] buffer, int start, int length)
        {
            _option = OptionOf(buffer, start, length);
        }

        /// <summary>
        /// Publishes the total import energy of a frame that ended complete and valid (EAST, else the historique sum
        /// if the frame carries all its option's registers, else counts <see cref="TicCounters.FramesWithoutTotal"/>),
        /// then forgets the frame's registers.
        /// </summary>
        public void EndFrame(DateTime time, IReadingSink sink)
        {
            long sum;
            if (_hasRegister[StandardTotalSlot])
            {
                Publish(StandardTotalSlot, QuantityId.TotalActiveEnergyImport, _registers[StandardTotalSlot], time, sink);
            }
            else if (HistoriqueTotal(out sum))
            {
                Publish(HistoriqueTotalSlot, QuantityId.TotalActiveEnergyImport, sum, time, sink);
            }
            else
            {
                _counters.FramesWithoutTotal++;
            }

            Forget();
        }

        /// <summary>Forgets the registers and tariff option of the frame: one starts, or one ended that is not to be
        /// trusted (invalid or aborted), whose total is never formed.</summary>
        public void Forget()
        {
            // Twice a frame: one native call rather than an interpreted loop over every slot.
            Array.Clear(_hasRegister, 0, _hasRegister.Length);
            _option = TicTariffOption.None;
        }

        private static TicTariffOption[] OptionsOfSlots()
        {
            TicTariffOption[] options = new TicTariffOption[TicLabels.RegisterCount];
            for (int slot = 0; slot < options.Length; slot++)
            {
                options[slot] = TicLabels.Register(slot).Option;
            }

            return options;
        }

        /// <summary>By tariff option, the first slot of its registers (<paramref name="first"/>) or the slot after
        /// its last; both 0 for an option without registers.</summary>
        private static byte[] SlotBounds(bool first)
        {
            byte[] bounds = new byte[(int)TicTariffOption.Unknown + 1];
            for (int option = 0; option < bounds.Length; option++)
            {
                int low = -1;
                int high = -1;
                for (int slot = 0; slot < SlotOptions.Length; slot++)
                {
                    if ((int)SlotOptions[slot] == option)
                    {
                        low = low < 0 ? slot : low;
                        high = slot;
                    }
                }

                bounds[option] = low < 0 ? (byte)0 : (byte)(first ? low : high + 1);
            }

            return bounds;
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

        private void Publish(int slot, QuantityId quantity, long value, DateTime time, IReadingSink sink)
        {
            if (_guard.Accept(slot, value, time, _ceiling.MaxVoltAmperes))
            {
                // Stored field by field, without the constructor's call and range check (no decimals), as in
                // TicFrameInterpreter.Apply: every register of every frame passes here.
                Reading reading;
                reading.Quantity = quantity;
                reading.Value = value;
                reading.Decimals = 0;
                reading.Time = time;
                reading.Quality = ReadingQuality.Good;
                sink.Add(reading);
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

            TicTariffOption[] options = SlotOptions;
            int end = EndSlotOfOption[(int)_option];
            for (int slot = FirstSlotOfOption[(int)_option]; slot < end; slot++)
            {
                if (options[slot] == _option)
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
    }
}
