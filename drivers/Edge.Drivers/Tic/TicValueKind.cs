#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>What a label's data means, which decides how it becomes a reading.</summary>
    public enum TicValueKind : byte
    {
        /// <summary>Kept raw only (tariff option, messages, calendars).</summary>
        Text = 0,

        /// <summary>A cumulative register in Wh or varh, 9 digits.</summary>
        Energy = 1,

        /// <summary>An integer in the quantity's unit (VA, W, A, V).</summary>
        Measure = 2,

        /// <summary>A number without a canonical quantity (daily maxima, IMAX): kept raw.</summary>
        Number = 3,

        /// <summary>ISOUSC, subscribed current per phase in A: subscribed power is 200 VA per ampere on each phase
        /// (1 kVA per 5 A of contract), published at the frame's end.</summary>
        SubscribedCurrent = 4,

        /// <summary>PREF, PCOUP: kVA.</summary>
        KiloVoltAmpere = 5,

        /// <summary>PTEC, historique tariff period code ("HC..", "HPJR") mapped to its register index.</summary>
        TariffPeriodCode = 6,

        /// <summary>NTARF, standard index of the supplier register in use (01..10).</summary>
        TariffIndex = 7,

        /// <summary>STGE, the 32-bit status register, in hex.</summary>
        Status = 8,

        /// <summary>DATE: the meter's clock, in the horodate field; the data is empty.</summary>
        MeterDate = 9,

        /// <summary>ADCO, ADSC, PRM: identify the meter and its delivery point: personal data (GDPR).</summary>
        MeterId = 10,

        /// <summary>ADPS, ADIR1-3: subscribed power exceeded, sent only while it is (an immediate event), in A.</summary>
        OverloadAlert = 11,

        /// <summary>OPTARIF, the historique tariff option, which says what index registers a frame carries.</summary>
        TariffOption = 12,
    }
}
