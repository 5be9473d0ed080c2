using System;
using Edge.Drivers.Tic;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>The TIC modes by their names on the command line and in decoded frames: auto, historique, standard.</summary>
    public static class TicModeNames
    {
        /// <summary>Every name, auto (the default of --mode) first.</summary>
        public static readonly string[] All = ["auto", "historique", "standard"];

        public static string NameOf(TicMode mode) => mode switch
        {
            TicMode.Historique => "historique",
            TicMode.Standard => "standard",
            _ => "auto",
        };

        /// <summary>The mode of one of <see cref="All"/>.</summary>
        public static TicMode ModeOf(string name) => name switch
        {
            "auto" => TicMode.Auto,
            "historique" => TicMode.Historique,
            "standard" => TicMode.Standard,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a TIC mode; expected auto, historique or standard"),
        };
    }
}
