#nullable disable
namespace Edge.Core.Meters
{
    /// <summary>The kinds of meter a configuration may name (<see cref="MeterSpec.Kind"/>), shared by the setup
    /// reader, which checks a meter's fields, and the driver factory, which builds it.</summary>
    public static class MeterKinds
    {
        /// <summary>A meter read from an S0 pulse output (EN 62053-31).</summary>
        public const string S0 = "s0";

        /// <summary>A Linky meter read from its TIC output (Enedis-NOI-CPT_54E).</summary>
        public const string Tic = "tic";

        /// <summary>A Modbus RTU meter on a shared RS-485 line, read by its register table.</summary>
        public const string Modbus = "modbus";

        /// <summary>A DSMR P1 meter (NL, BE, LU) read from its P1 port.</summary>
        public const string P1 = "p1";

        /// <summary>Every kind a node configuration file may name, in the order they are listed to a user. The
        /// drivers build <see cref="Modbus"/> and <see cref="P1"/> meters too, but the setup reader does not read
        /// their fields yet, so a configuration file cannot name them.</summary>
        public static readonly string[] All = { Tic, S0 };

        /// <summary>Largest S0 meter constant taken (imp/kWh); household meters print 100 to 10000.</summary>
        public const int MaxPulsesPerKwh = 100000;

        /// <summary>The TIC modes of <see cref="MeterSpec.TicMode"/>: "auto" tells them apart from the bytes.</summary>
        public static readonly string[] TicModes = { "auto", "historique", "standard" };
    }
}
