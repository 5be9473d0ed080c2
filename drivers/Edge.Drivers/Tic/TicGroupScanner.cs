#nullable disable
using System;

namespace Edge.Drivers.Tic
{
    /// <summary>
    /// Gathers the bytes of the group being read, in one pass as they arrive: it copies them and keeps their sum and
    /// the positions of the separators, so that checking the group at its end (by <see cref="TicFrameDecoder"/>) costs
    /// no second scan. The buffer is allocated once; gathering allocates nothing.
    /// <para><see cref="Scan"/> is the decoder's per-byte hot path. On the nanoFramework interpreter (no JIT) every
    /// IL instruction, call, field load and array access is paid per byte, so an ordinary byte costs one look-up in
    /// a byte-class table and one addition, with everything in locals; the bytes are copied by one
    /// <see cref="Array.Copy(Array, int, Array, int, int)"/> per call, which runs natively. Whether the value is all
    /// digits is left to the labels whose data are numbers (<see cref="TicLabel.Fits"/>, a few bytes per group)
    /// instead of being judged for every byte.</para>
    /// <para>An internal part of <see cref="TicFrameDecoder"/>: its state is in fields that only it writes and that
    /// the decoder reads directly, once per group, since on the interpreter a property is a call.</para>
    /// </summary>
    internal sealed class TicGroupScanner
    {
        private const byte HT = TicFrameDecoder.HT;
        private const byte SP = TicFrameDecoder.SP;

        // Byte classes of the tables below.
        private const byte Plain = 0; // printable, nothing to note: only added to the sum and copied
        private const byte Tab = 1; // HT, the separator of standard mode: its position is kept
        private const byte Space = 2; // the group's first SP: it ends a historique label
        private const byte Bad = 3; // DEL (0x7F): no TIC group contains one
        private const byte Stop = 4; // a control byte other than HT (LF, CR, STX...): left to the decoder
        private const byte High = 5; // bit 7 set (a UART read as 8N1 keeps the parity bit): cleared, then classed

        /// <summary>The class of every byte value while the group has no SP yet.</summary>
        private static readonly byte[] BeforeSpace = Classes(Space);

        /// <summary>The class of every byte value once the group's first SP was seen: later ones are plain, so the
        /// spaces of a text value (NGTF, MSG1, PJOURF+1 carry dozens) cost nothing more than a letter.</summary>
        private static readonly byte[] AfterSpace = Classes(Plain);

        /// <summary>The group's bytes, 7-bit (bit 7 cleared), label first, without its LF and CR; the first
        /// <see cref="Length"/> of them are the group's. <see cref="TicFrameDecoder.MaxGroupLength"/> long, and one
        /// byte more for the stop mark <see cref="Scan"/> puts after what it copied.</summary>
        internal readonly byte[] Buffer = new byte[TicFrameDecoder.MaxGroupLength + 1];

        /// <summary>Bytes gathered so far, at most <see cref="TicFrameDecoder.MaxGroupLength"/>.</summary>
        internal int Length;

        /// <summary>Sum of the bytes gathered (bit 7 cleared), for the checksum; until the label's separator, without
        /// the label's bytes that are in <see cref="Key"/> (the separator adds them).</summary>
        internal int Sum;

        /// <summary>Position of the group's first SPACE, or -1 if it has none.</summary>
        internal int FirstSpace;

        /// <summary>Number of HT (0x09) bytes in the group.</summary>
        internal int TabCount;

        /// <summary>Position of the group's first HT; meaningful only when <see cref="TabCount"/> is at least 1.</summary>
        internal int FirstTab;

        /// <summary>Position of the group's second HT; meaningful only when <see cref="TabCount"/> is at least 2.</summary>
        internal int SecondTab;

        /// <summary>True if the group holds a byte no TIC group contains: DEL (0x7F) or a control character other
        /// than HT.</summary>
        internal bool HasBadByte;

        /// <summary>True if the group had more bytes than the buffer holds: the bytes beyond it were dropped, so the
        /// group is no TIC group (a lost CR or LF joined it to the next).</summary>
        internal bool Overflow;

        /// <summary>Position of the group's first separator (HT or SP), where its label ends; -1 before it.</summary>
        internal int LabelEnd;

        /// <summary>Until <see cref="LabelEnd"/> is known, the key of the label's bytes so far
        /// (<see cref="TicLabels.KeyOf"/>), built as they arrive (past 9 bytes it no longer holds them all, and
        /// means nothing); <see cref="Spoiled"/> once a byte of the label had bit 7 set or was DEL, when the label
        /// is looked up by its bytes instead. While it is not spoiled, <see cref="Sum"/> lacks the key's bytes.</summary>
        internal long Key;

        /// <summary>The <see cref="Key"/> of a label with a DEL or a byte with bit 7 set: no key is, since every
        /// byte of a key is a printable character, so its lowest 7 bits are never all 0.</summary>
        private const long Spoiled = long.MinValue;

        /// <summary>The label of the bytes before <see cref="LabelEnd"/>, or null.</summary>
        internal TicLabel Label;

        /// <summary>Where the digits of <see cref="Number"/> end, or -1; meaningful once <see cref="LabelEnd"/> is
        /// set. At least 0 when the label is numeric and without
        /// horodate, and the <see cref="TicLabel.DataLength"/> bytes after its separator are all digits.</summary>
        internal int NumberEnd;

        /// <summary>The number those digits make; meaningful only when <see cref="NumberEnd"/> is at least 0.</summary>
        internal long Number;

        /// <summary>Forgets what was gathered, for a group that starts (its LF) or a line re-opened.</summary>
        internal void Clear()
        {
            // FirstTab, SecondTab, Label, NumberEnd and Number are read only once TabCount and LabelEnd say they
            // were set (Scan sets NumberEnd whenever it sets LabelEnd). Scan does the same for a new group.
            Length = 0;
            Sum = 0;
            FirstSpace = -1;
            TabCount = 0;
            HasBadByte = false;
            Overflow = false;
            LabelEnd = -1;
            Key = 0;
        }

        /// <summary>
        /// Gathers the bytes of <paramref name="buffer"/> from <paramref name="start"/> up to the first control byte
        /// other than HT (LF, CR, STX...), which it leaves for the decoder, or up to <paramref name="end"/>; returns
        /// the position where it stopped. <paramref name="fresh"/> starts a new group (after its LF): what
        /// <see cref="Clear"/> would forget is set here, and the state is not read back from the fields.
        /// </summary>
        internal int Scan(byte[] buffer, int start, int end, bool fresh)
        {
            int length;
            int sum;
            byte[] classes;
            long key;
            bool keyed;
            int tabs; // TabCount, in a local until the scan stops: two or three HT a standard group
            if (fresh)
            {
                // Length, Sum, TabCount and Key are written when the scan stops; FirstTab, SecondTab, Label,
                // NumberEnd and Number are read only once TabCount and LabelEnd say they were set. FirstSpace and
                // LabelEnd are set by the label's loop below, which a new group always runs.
                HasBadByte = false;
                Overflow = false;
                tabs = 0;
                length = 0;
                sum = 0;
                classes = BeforeSpace;
                key = 0;
                keyed = true;
            }
            else
            {
                tabs = TabCount;
                length = Length;
                sum = Sum;
                classes = FirstSpace < 0 ? BeforeSpace : AfterSpace;
                key = Key;
                keyed = LabelEnd < 0 && key != Spoiled;
            }

            // The bytes are copied first (natively on the device), as many as the group buffer has room for, and
            // read from the copy, with a stop mark after them: the loop needs no bound test of its own. Bytes
            // copied past the control byte that ends the group lie beyond Length and mean nothing.
            int count = end - start;
            if (count > TicFrameDecoder.MaxGroupLength - length)
            {
                count = TicFrameDecoder.MaxGroupLength - length;
            }

            byte[] g = Buffer;
            Array.Copy(buffer, start, g, length, count);
            int limit = length + count;
            g[limit] = 0; // NUL is of class Stop

            int k = length;
            TicLabel label;
            if (keyed)
            {
                // The label's plain bytes go into its key, so that looking it up at its separator compares one
                // number rather than its bytes, and not into the sum: the label's byte sum, a constant of the
                // table, is added once.
                int b;
                while (classes[b = g[k]] == Plain)
                {
                    key = (key << 7) | (long)b;
                    k++;
                }

                // The byte that stops the label is its separator in a well-formed group: handled here, not classed
                // a second time by the loop below. While the key holds the label, no HT or SP came before it (the
                // first of them ends the label), so this is the group's first separator.
                int first = classes[b];
                if (first == Tab)
                {
                    tabs = 1;
                    FirstTab = k;
                    FirstSpace = -1;
                }
                else if (first == Space)
                {
                    FirstSpace = k;
                    classes = AfterSpace;
                }
                else
                {
                    // The label goes on in the next block, or this byte is the loop's below (which may spoil the
                    // key): the key is kept for it. No separator yet (for a group that goes on, these were so).
                    Key = key;
                    FirstSpace = -1;
                    LabelEnd = -1;
                    goto Bytes;
                }

                // Looked up here rather than by a call: once a group. The key holds every byte of the label, so it
                // is not spoiled, and a label found by it has exactly its bytes.
                sum += b;
                label = null;
                if ((uint)(k - TicLabels.MinLength) <= TicLabels.MaxLength - TicLabels.MinLength)
                {
                    label = TicLabels.FindKey(key);
                }

                sum += label != null ? label.ByteSum : KeyedSum(k);
                goto Label;
            }

            goto Bytes;

        // The label ends at k, its first separator, and is known: when it is numeric and without horodate, the
        // digits of its value are summed and turned into a number in one loop instead of being classed by the byte
        // loop and read again by TicLabel.Fits. Reached by a jump from both places a label ends (the key's loop
        // above, the byte loop below), so the digit loop exists once and costs no call. When the digits are not
        // exactly the label's DataLength (a non-digit, more digits, the end of the bytes copied so far),
        // NumberEnd stays -1 and Fits judges the value as for any group.
        Label:
            LabelEnd = k;
            Label = label;
            NumberEnd = -1;
            k++;
            if (label != null && label.ReadsNumber)
            {
                // The digits are read up to the first byte that is not one, with no bound test of their own: the
                // stop mark (NUL) after the bytes copied ends the loop at the latest, and the separator after the
                // value ends it in a well-formed group. Any other byte (bit 7 set too) is left to the byte loop,
                // which classes it. The labels of 9 digits or fewer (every register: EAST, EASF01, BASE, HCHC...)
                // are read in an int, which the interpreter multiplies without widening; the meter's 12-digit
                // address (ADSC, ADCO) and the 14-digit PRM need a long.
                int dataLength = label.DataLength;
                int at = k;
                int digits = 0;
                int digit;
                if (dataLength <= 9)
                {
                    int value = 0;
                    while ((uint)(digit = g[k] - '0') <= 9)
                    {
                        value = (value * 10) + digit;
                        digits += digit;
                        k++;
                    }

                    Number = value;
                }
                else
                {
                    long value = 0;
                    while ((uint)(digit = g[k] - '0') <= 9)
                    {
                        value = (value * 10) + digit;
                        digits += digit;
                        k++;
                    }

                    Number = value;
                }

                sum += digits + ('0' * (k - at));
                if (k - at == dataLength)
                {
                    NumberEnd = k;
                }
            }

        Bytes:
            while (true)
            {
                // The per-byte path: one table look-up, one addition. The byte is read in the loop's own test, so
                // a plain byte costs no jump besides the loop's.
                int b;
                while (classes[b = g[k]] == Plain)
                {
                    sum += b;
                    k++;
                }

                // A byte that is not plain: at most a few per group, HT the most frequent, then the stop byte
                // (CR), so they are tested in that order.
                int kind = classes[b];

                // The first separator (the first HT before any SP, or the first SP before any HT) ends the
                // label: here only when the label's key was spoiled (or the label was cut by a block and is
                // read again), so it is looked up by LabelAt.
                if (kind == Tab)
                {
                    if (tabs++ == 0)
                    {
                        FirstTab = k;
                        if (FirstSpace < 0)
                        {
                            sum += b;
                            label = LabelAt(k, ref sum);
                            goto Label;
                        }
                    }
                    else if (tabs == 2)
                    {
                        SecondTab = k;
                    }
                }
                else if (kind == Stop)
                {
                    break;
                }
                else if (kind == Space)
                {
                    FirstSpace = k;
                    classes = AfterSpace;
                    if (tabs == 0)
                    {
                        sum += b;
                        label = LabelAt(k, ref sum);
                        goto Label;
                    }
                }
                else if (kind == High)
                {
                    // Bit 7 cleared in the copy, and the same byte classed again; the label's key no longer
                    // holds its bytes, so the bytes it held go into the sum now.
                    g[k] = (byte)(b & 0x7F);
                    sum += Unkey(k);
                    continue;
                }
                else
                {
                    // DEL: no TIC group contains one.
                    HasBadByte = true;
                    sum += Unkey(k);
                }

                sum += b;
                k++;
            }

            Length = k;
            Sum = sum;
            TabCount = tabs;
            int i = start + k - length;
            if (k == limit && count < end - start)
            {
                // The buffer is full and the group goes on: drop its bytes up to the control byte that ends it.
                while (i < end && BeforeSpace[buffer[i] & 0x7F] != Stop)
                {
                    Overflow = true;
                    i++;
                }
            }

            return i;
        }

        /// <summary>
        /// At the group's first separator, at <paramref name="separator"/> (already in <paramref name="sum"/>), when
        /// the label was not found by the key's loop of <see cref="Scan"/>: finds the label, by its key if that
        /// still holds its bytes, else by its bytes, and adds to <paramref name="sum"/> what it lacks of them.
        /// </summary>
        private TicLabel LabelAt(int separator, ref int sum)
        {
            // The key holds the label's bytes only if none was DEL or had bit 7 set (bytes after such a one were
            // not added to it); then the label is looked up by its bytes, which were cleared of bit 7 meanwhile,
            // and they are in the sum already. Otherwise the sum lacks the bytes of the key: a label found by it
            // has exactly those bytes, so its byte sum is added; for any other they are summed here.
            TicLabel label = null;
            long key = Key;
            if ((uint)(separator - TicLabels.MinLength) <= TicLabels.MaxLength - TicLabels.MinLength)
            {
                label = key != Spoiled ? TicLabels.FindKey(key) : TicLabels.Find(Buffer, 0, separator);
            }

            if (key != Spoiled)
            {
                sum += label != null ? label.ByteSum : KeyedSum(separator);
            }

            return label;
        }

        /// <summary>At a DEL or a byte with bit 7 set at <paramref name="at"/>: while the label is being read and its
        /// key still holds its bytes, spoils the key and returns the sum of those bytes, which the sum lacked;
        /// otherwise returns 0.</summary>
        private int Unkey(int at)
        {
            if (LabelEnd >= 0 || Key == Spoiled)
            {
                return 0;
            }

            Key = Spoiled;
            return KeyedSum(at);
        }

        /// <summary>The sum of the bytes before <paramref name="at"/> that went into the key: the plain ones (a
        /// control byte gathered by <see cref="AddControl"/> is in the sum already, and a label has no separator
        /// before its end).</summary>
        private int KeyedSum(int at)
        {
            byte[] g = Buffer;
            int sum = 0;
            for (int i = 0; i < at; i++)
            {
                int b = g[i];
                if (BeforeSpace[b] == Plain)
                {
                    sum += b;
                }
            }

            return sum;
        }

        /// <summary>Gathers a control character met inside the group (bit 7 cleared): no TIC group contains one, so
        /// the group is marked bad; it still counts in the length and the sum, as on the wire.</summary>
        internal void AddControl(int b)
        {
            HasBadByte = true;
            if (Length < TicFrameDecoder.MaxGroupLength)
            {
                Buffer[Length++] = (byte)b;
                Sum += b;
            }
            else
            {
                Overflow = true;
            }
        }

        /// <summary>The class of each of the 256 byte values, with <paramref name="space"/> for SP.</summary>
        private static byte[] Classes(byte space)
        {
            byte[] classes = new byte[256];
            for (int b = 0; b < 256; b++)
            {
                if (b >= 0x80)
                {
                    classes[b] = High;
                }
                else if (b == HT)
                {
                    classes[b] = Tab;
                }
                else if (b == SP)
                {
                    classes[b] = space;
                }
                else if (b < 0x20)
                {
                    classes[b] = Stop;
                }
                else if (b == 0x7F)
                {
                    classes[b] = Bad;
                }
                else
                {
                    classes[b] = Plain;
                }
            }

            return classes;
        }
    }
}
