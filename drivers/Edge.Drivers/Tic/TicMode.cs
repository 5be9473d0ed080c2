#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// The two TIC modes of Enedis meters (Enedis-NOI-CPT_54E, "Sorties de télé-information client des appareils
    /// de comptage Linky"). Historique: 1200 baud 7E1, fields separated by SP, the mode of older electronic meters.
    /// Standard: 9600 baud 7E1, fields separated by HT, with horodated groups.
    /// </summary>
    public enum TicMode : byte
    {
        /// <summary>Decide from the bytes: the separator before each group's checksum tells the mode.</summary>
        Auto = 0,
        /// <summary>1200 baud, fields separated by SP, no horodate: the only mode of the electronic meters before
        /// Linky (Enedis-NOI-CPT_02E), and one of Linky's two (Enedis-NOI-CPT_54E).</summary>
        Historique = 1,

        /// <summary>9600 baud, fields separated by HT, some groups horodated: Linky only (Enedis-NOI-CPT_54E).</summary>
        Standard = 2,
    }
}
