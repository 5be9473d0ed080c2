using System;

namespace Edge.Fuzz.Targets
{
    /// <summary>
    /// Seeded damage to real inputs, the kinds a noisy line or a hostile sender produces: bit flips, truncations,
    /// duplicated and spliced pieces, inserted separators, random bytes, lengths at their limits, deep nesting.
    /// The same seed always gives the same input, so a failing case is replayed from its seed alone.
    /// </summary>
    public sealed class ByteMutator
    {
        /// <summary>The bytes that mean something to one of the parsers: TIC STX/ETX/EOT/LF/CR/HT/SP, P1 '/', '!',
        /// '(', ')', '*', JSON brackets, quotes, escapes and number signs, and the extreme byte values.</summary>
        private static readonly byte[] Separators =
        {
            0x02, 0x03, 0x04, 0x0A, 0x0D, 0x09, 0x20, (byte)'/', (byte)'!', (byte)'(', (byte)')', (byte)'*', (byte)':',
            (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)'"', (byte)'\\', (byte)',', (byte)'-', (byte)'e', (byte)'.',
            (byte)'0', (byte)'9', 0x00, 0x7F, 0x80, 0xFF,
        };

        private static readonly string[] Extremes =
        {
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1e400", "-0", "0.0000000000000000000001",
            "99999999999999999999999999999", "\"\\uD800\"", "\"\\u0000\"", "null", "true", "1E+2147483648",
        };

        private readonly Random _random;

        public ByteMutator(int seed)
        {
            _random = new Random(seed);
        }

        /// <summary>A new input from the seeds: mostly a damaged copy of one, sometimes random bytes.</summary>
        public byte[] Next(byte[][] seeds, int maxLength)
        {
            byte[] input;
            int kind = _random.Next(10);
            if (kind == 0 || seeds.Length == 0)
            {
                input = new byte[_random.Next(maxLength + 1)];
                _random.NextBytes(input);
                return input;
            }

            input = (byte[])seeds[_random.Next(seeds.Length)].Clone();
            int rounds = 1 + _random.Next(4);
            for (int i = 0; i < rounds; i++)
            {
                input = Mutate(input, seeds, maxLength);
            }

            return input;
        }

        private byte[] Mutate(byte[] input, byte[][] seeds, int maxLength)
        {
            switch (_random.Next(9))
            {
                case 0: return FlipBits(input);
                case 1: return input.Length == 0 ? input : Cut(input, 0, _random.Next(input.Length));
                case 2: return Duplicate(input, maxLength);
                case 3: return Splice(input, seeds[_random.Next(seeds.Length)], maxLength);
                case 4: return Insert(input, new[] { Separators[_random.Next(Separators.Length)] }, maxLength);
                case 5: return Insert(input, Ascii(Extremes[_random.Next(Extremes.Length)]), maxLength);
                case 6: return Nest(input, maxLength);
                case 7: return Insert(input, Ascii(new string('9', 1 + _random.Next(600))), maxLength);
                default: return Overwrite(input);
            }
        }

        private byte[] FlipBits(byte[] input)
        {
            if (input.Length == 0)
            {
                return input;
            }

            int flips = 1 + _random.Next(8);
            for (int i = 0; i < flips; i++)
            {
                input[_random.Next(input.Length)] ^= (byte)(1 << _random.Next(8));
            }

            return input;
        }

        private byte[] Overwrite(byte[] input)
        {
            if (input.Length == 0)
            {
                return input;
            }

            int at = _random.Next(input.Length);
            int count = Math.Min(input.Length - at, 1 + _random.Next(16));
            for (int i = 0; i < count; i++)
            {
                input[at + i] = (byte)_random.Next(256);
            }

            return input;
        }

        private byte[] Duplicate(byte[] input, int maxLength)
        {
            if (input.Length == 0)
            {
                return input;
            }

            int start = _random.Next(input.Length);
            int count = 1 + _random.Next(input.Length - start);
            int copies = 1 + _random.Next(3);
            byte[] piece = Cut(input, start, count);
            for (int i = 0; i < copies; i++)
            {
                input = Insert(input, piece, maxLength);
            }

            return input;
        }

        private byte[] Splice(byte[] input, byte[] other, int maxLength)
        {
            if (other.Length == 0)
            {
                return input;
            }

            int start = _random.Next(other.Length);
            return Insert(input, Cut(other, start, 1 + _random.Next(other.Length - start)), maxLength);
        }

        /// <summary>Opens brackets or TIC/P1 frame starts to a depth far past any parser's bound.</summary>
        private byte[] Nest(byte[] input, int maxLength)
        {
            int depth = 1 + _random.Next(200);
            byte open = _random.Next(2) == 0 ? (byte)'[' : (byte)'{';
            byte[] piece = new byte[depth];
            for (int i = 0; i < depth; i++)
            {
                piece[i] = open == (byte)'{' && i % 2 == 1 ? (byte)'"' : open;
            }

            return Insert(input, piece, maxLength);
        }

        private byte[] Insert(byte[] input, byte[] piece, int maxLength)
        {
            int room = Math.Min(piece.Length, maxLength - input.Length);
            if (room <= 0)
            {
                return input;
            }

            int at = _random.Next(input.Length + 1);
            byte[] output = new byte[input.Length + room];
            Array.Copy(input, 0, output, 0, at);
            Array.Copy(piece, 0, output, at, room);
            Array.Copy(input, at, output, at + room, input.Length - at);
            return output;
        }

        private static byte[] Cut(byte[] input, int start, int count)
        {
            byte[] output = new byte[count];
            Array.Copy(input, start, output, 0, count);
            return output;
        }

        private static byte[] Ascii(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }
    }
}
