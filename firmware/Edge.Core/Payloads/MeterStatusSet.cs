#nullable disable
using Edge.Core.Meters;

namespace Edge.Core.Payloads
{
    /// <summary>
    /// Where each meter's driver stands, for the health message: "pending", "ready", "warning" or "failed". A full
    /// health message carries every meter's state; a delta only a meter whose state changed since the last published
    /// message, so that a meter failed after its consecutive refused frames shows in the next health message and a
    /// steady one costs nothing. The reason stays in the log (one line per change of state) and in the selftest
    /// result: a text of a driver's own length in every full message would grow the node's largest message, and with
    /// it the encoding buffer and the outbox segments, beyond the household node's 32 KB.
    /// </summary>
    public sealed class MeterStatusSet
    {
        private static readonly string[] StateNames = { "pending", "ready", "warning", "failed" };

        // A state no driver has: the meter's state is not known (yet), or was never published.
        private const byte Unknown = 0xFF;

        // Meter m's state now at [m], as last published at [count + m]: one array, as the node's heap is counted.
        private readonly byte[] _states;

        /// <summary>The states of <paramref name="count"/> meters, none known yet.</summary>
        public MeterStatusSet(int count)
        {
            _states = new byte[2 * count];
            for (int i = 0; i < _states.Length; i++)
            {
                _states[i] = Unknown;
            }
        }

        /// <summary>Bytes one meter's state adds at most to a health message: the longest state name with its
        /// member name, quotes and separator.</summary>
        public static int LargestBytes
        {
            get { return JsonWriter.EncodedLength("state") + 1 + JsonWriter.EncodedLength("warning") + 1; }
        }

        /// <summary>The name of a state as published.</summary>
        public static string NameOf(MeterState state)
        {
            int index = (int)state;
            return index < StateNames.Length ? StateNames[index] : StateNames[0];
        }

        /// <summary>Records meter <paramref name="meter"/>'s state now.</summary>
        public void Set(int meter, MeterState state)
        {
            _states[meter] = (byte)state;
        }

        /// <summary>True when meter <paramref name="meter"/>'s state is known and not the one last published.</summary>
        public bool Changed(int meter)
        {
            return _states[meter] != Unknown && _states[meter] != _states[(_states.Length / 2) + meter];
        }

        /// <summary>True when any meter's state changed since the last published message.</summary>
        public bool AnyChanged
        {
            get
            {
                for (int m = 0; m < _states.Length / 2; m++)
                {
                    if (Changed(m))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Writes meter <paramref name="meter"/>'s "state" into the object being written: always in a
        /// <paramref name="full"/> message (when known), in a delta only when it changed.</summary>
        public void Write(int meter, bool full, JsonWriter writer)
        {
            if (_states[meter] == Unknown || (!full && !Changed(meter)))
            {
                return;
            }

            writer.Name("state");
            writer.String(NameOf((MeterState)_states[meter]));
        }

        /// <summary>The states written are now the published ones (called once a health message is queued).</summary>
        public void Commit()
        {
            int count = _states.Length / 2;
            for (int m = 0; m < count; m++)
            {
                _states[count + m] = _states[m];
            }
        }
    }
}
