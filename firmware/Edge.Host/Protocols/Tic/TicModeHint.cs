using Edge.Drivers.Tic;

namespace Edge.Host.Protocols.Tic
{
    /// <summary>
    /// Why a capture gave no frame, when the bytes tell: read in auto mode, the decoder finds each group's mode from
    /// the separator before its checksum (historique SP, standard HT: Enedis-NOI-CPT_54E section 6.2.2), so groups
    /// that are valid in the other mode than --mode show the mode was wrong.
    /// </summary>
    public static class TicModeHint
    {
        /// <summary>A sentence for stderr, or null when the bytes show nothing more.</summary>
        public static string? For(byte[] capture, TicMode configured)
        {
            var decoder = new TicFrameDecoder(TicMode.Auto);
            int historique = 0;
            int standard = 0;
            int at = 0;
            while (at < capture.Length)
            {
                TicEvent e = decoder.Decode(capture, at, capture.Length - at, out int consumed);
                at += consumed;
                if (e == TicEvent.Group)
                {
                    if (decoder.Group.Mode == TicMode.Standard)
                    {
                        standard++;
                    }
                    else
                    {
                        historique++;
                    }
                }
            }

            if (historique == 0 && standard == 0)
            {
                return $"no valid group in either mode: was the line read at {TicMeter.HistoriqueBaud} baud (historique) or {TicMeter.StandardBaud} baud (standard), 7 data bits, even parity?";
            }

            if (configured == TicMode.Historique && standard > historique)
            {
                return $"{standard} groups are valid with HT between their fields, as in standard mode: try --mode standard (or auto)";
            }

            if (configured == TicMode.Standard && historique > standard)
            {
                return $"{historique} groups are valid with SP between their fields, as in historique mode: try --mode historique (or auto)";
            }

            return null;
        }
    }
}
