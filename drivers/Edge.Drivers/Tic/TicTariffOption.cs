#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Historique tariff option, from OPTARIF (Enedis-NOI-CPT_02E section 6): which index registers a frame of the
    /// meter carries, so that the total import energy is formed only from a frame that has all of them.
    /// </summary>
    public enum TicTariffOption : byte
    {
        /// <summary>No OPTARIF group in the frame (standard mode has none).</summary>
        None = 0,

        /// <summary><c>BASE</c>: one index, BASE.</summary>
        Base = 1,

        /// <summary><c>HC..</c>: off-peak and peak hours, HCHC and HCHP.</summary>
        OffPeak = 2,

        /// <summary><c>EJP.</c>: normal and mobile-peak hours, EJPHN and EJPHPM.</summary>
        Ejp = 3,

        /// <summary><c>BBRx</c> (x the meter's programme character): Tempo, the six BBRH* indexes.</summary>
        Tempo = 4,

        /// <summary>An OPTARIF value none of the above: no total can be formed.</summary>
        Unknown = 5,
    }
}
