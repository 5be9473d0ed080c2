#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// The standard-mode status register STGE, 32 bits sent as 8 hex digits (Enedis-NOI-CPT_54E section 6.2.3.14,
    /// "Registre des statuts"). Each accessor names one field; the bit positions are the specification's.
    /// </summary>
    public struct TicStatus
    {
        private static readonly string[] CutOffStates =
        {
            "closed", "openOverload", "openOvervoltage", "openLoadShedding", "openRemoteOrder",
            "openOverheatAboveMaxCurrent", "openOverheatBelowMaxCurrent", "unknown",
        };

        private static readonly string[] TempoColours = { "none", "blue", "white", "red" };
        private static readonly string[] EuridisStates = { "disabled", "enabledUnsecured", "unknown", "enabledSecured" };
        private static readonly string[] PlcStates = { "newUnlocked", "newLocked", "registered", "unknown" };

        /// <summary>The 32 bits of STGE as sent.</summary>
        public uint Value;

        /// <summary>A status from the 32 bits of an STGE group.</summary>
        public TicStatus(uint value)
        {
            Value = value;
        }

        /// <summary>Bit 0: the dry contact output is open.</summary>
        public bool DryContactOpen
        {
            get { return (Value & 1u) != 0; }
        }

        /// <summary>Bits 1-3: state of the cut-off device (0 closed, 1..6 the reason it opened).</summary>
        public int CutOffState
        {
            get { return (int)((Value >> 1) & 7u); }
        }

        /// <summary><see cref="CutOffState"/> by name, for payloads and tools: "closed", "openOverload",
        /// "openOvervoltage", "openLoadShedding", "openRemoteOrder", "openOverheatAboveMaxCurrent",
        /// "openOverheatBelowMaxCurrent"; "unknown" for 7, outside the states listed.</summary>
        public string CutOffStateName
        {
            get { return CutOffStates[CutOffState]; }
        }

        /// <summary>Bit 4: the distributor's terminal cover is open.</summary>
        public bool TerminalCoverOpen
        {
            get { return ((Value >> 4) & 1u) != 0; }
        }

        /// <summary>Bit 6: overvoltage on one of the phases.</summary>
        public bool Overvoltage
        {
            get { return ((Value >> 6) & 1u) != 0; }
        }

        /// <summary>Bit 7: the reference (subscribed) power is being exceeded.</summary>
        public bool Overload
        {
            get { return ((Value >> 7) & 1u) != 0; }
        }

        /// <summary>Bit 8: the site operates as a producer (0: consumer).</summary>
        public bool Producer
        {
            get { return ((Value >> 8) & 1u) != 0; }
        }

        /// <summary>Bit 9: active energy flows negative (injection).</summary>
        public bool NegativeActiveEnergy
        {
            get { return ((Value >> 9) & 1u) != 0; }
        }

        /// <summary>Bits 10-13: supplier register in use, 1..10 (the field holds index - 1).</summary>
        public int SupplierIndex
        {
            get { return (int)((Value >> 10) & 15u) + 1; }
        }

        /// <summary>Bits 14-15: distributor register in use, 1..4.</summary>
        public int DistributorIndex
        {
            get { return (int)((Value >> 14) & 3u) + 1; }
        }

        /// <summary>Bit 16: the meter's clock is degraded.</summary>
        public bool ClockDegraded
        {
            get { return ((Value >> 16) & 1u) != 0; }
        }

        /// <summary>Bit 17: the TIC output is in standard mode (0: historique).</summary>
        public bool StandardMode
        {
            get { return ((Value >> 17) & 1u) != 0; }
        }

        /// <summary>Bits 19-20: state of the Euridis output.</summary>
        public string EuridisState
        {
            get { return EuridisStates[(int)((Value >> 19) & 3u)]; }
        }

        /// <summary>Bits 21-22: powerline (CPL) communication state.</summary>
        public string PlcState
        {
            get { return PlcStates[(int)((Value >> 21) & 3u)]; }
        }

        /// <summary>Bit 23: powerline communication synchronised.</summary>
        public bool PlcSynchronised
        {
            get { return ((Value >> 23) & 1u) != 0; }
        }

        /// <summary>Bits 24-25: today's colour of the Tempo contract.</summary>
        public string TempoToday
        {
            get { return TempoColours[(int)((Value >> 24) & 3u)]; }
        }

        /// <summary>Bits 26-27: tomorrow's colour of the Tempo contract.</summary>
        public string TempoTomorrow
        {
            get { return TempoColours[(int)((Value >> 26) & 3u)]; }
        }

        /// <summary>Bits 28-29: notice of a mobile peak (0 none, 1..3 PM1..PM3).</summary>
        public int MobilePeakNotice
        {
            get { return (int)((Value >> 28) & 3u); }
        }

        /// <summary>Bits 30-31: mobile peak in progress (0 none, 1..3 PM1..PM3).</summary>
        public int MobilePeak
        {
            get { return (int)((Value >> 30) & 3u); }
        }
    }
}
