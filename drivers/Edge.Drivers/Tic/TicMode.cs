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
        Historique = 1,
        Standard = 2,
    }
}
