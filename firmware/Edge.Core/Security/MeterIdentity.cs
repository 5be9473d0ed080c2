#nullable disable
using System;

namespace Edge.Core.Security
{
    /// <summary>
    /// Holds a meter's identifier as read and the form in which it may be published under the configured
    /// <see cref="MeterIdPolicy"/>. The published string is made only when the identifier changes (once per
    /// meter in practice), so reading the same identifier in every frame allocates nothing.
    /// </summary>
    public sealed class MeterIdentity
    {
        /// <summary>A pseudonym keeps the first 16 bytes (128 bits) of the MAC: collisions stay negligible for
        /// millions of meters and the topic-friendly hex string stays short.</summary>
        private const int PseudonymBytes = 16;

        /// <summary>Long enough for every identifier in use (PRM is 14 digits, DSMR equipment ids up to 96 characters).</summary>
        private const int MaxIdLength = 96;

        private readonly HmacSha256 _hmac;
        private readonly byte[] _raw = new byte[MaxIdLength];
        private readonly byte[] _mac = new byte[32];
        private int _rawLength;

        /// <summary>Creates an identity under the given policy; <see cref="MeterIdPolicy.Pseudonymise"/> needs a key of at least 16 bytes.</summary>
        public MeterIdentity(MeterIdPolicy policy, byte[] key)
        {
            Policy = policy;
            if (policy == MeterIdPolicy.Pseudonymise)
            {
                if (key == null || key.Length < 16)
                {
                    throw new ArgumentException("pseudonymisation needs a key of at least 16 bytes", "key");
                }

                _hmac = new HmacSha256(key);
            }
        }

        private MeterIdentity(MeterIdPolicy policy, HmacSha256 hmac)
        {
            Policy = policy;
            _hmac = hmac;
        }

        /// <summary>How the meter identifier is published.</summary>
        public MeterIdPolicy Policy { get; private set; }

        /// <summary>Longest identifier published under any policy, in characters (the clear identifier's limit).</summary>
        public const int MaxPublishedChars = MaxIdLength;

        /// <summary>Longest identifier this policy publishes, in characters: 0 under <see cref="MeterIdPolicy.Omit"/>,
        /// the pseudonym's hex digits, or the clear identifier's limit. Sizes the reports that carry it.</summary>
        public int LongestPublishedChars
        {
            get { return Policy == MeterIdPolicy.Omit ? 0 : Policy == MeterIdPolicy.Pseudonymise ? PseudonymBytes * 2 : MaxIdLength; }
        }

        /// <summary>What may be published: null under <see cref="MeterIdPolicy.Omit"/> or before the identifier is known.</summary>
        public string Published { get; private set; }

        /// <summary>Records the identifier read from the meter; returns true if it changed (a meter replaced).</summary>
        public bool Update(byte[] buffer, int start, int length)
        {
            if (length <= 0 || length > MaxIdLength)
            {
                return false;
            }

            if (length == _rawLength)
            {
                bool same = true;
                for (int i = 0; i < length; i++)
                {
                    if (_raw[i] != buffer[start + i])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    return false;
                }
            }

            Array.Copy(buffer, start, _raw, 0, length);
            _rawLength = length;
            Published = Publish();
            return true;
        }

        /// <summary>The published form of another identifier of the same meter (a PRM beside its ADSC), under the
        /// same policy and key: null under Omit. Allocates: for tools, not for every frame.</summary>
        public string PublishedFormOf(byte[] buffer, int start, int length)
        {
            if (Policy == MeterIdPolicy.Omit || length <= 0 || length > MaxIdLength)
            {
                return null;
            }

            MeterIdentity other = new MeterIdentity(Policy, _hmac);
            other.Update(buffer, start, length);
            return other.Published;
        }

        private string Publish()
        {
            if (Policy == MeterIdPolicy.Clear)
            {
                char[] chars = new char[_rawLength];
                for (int i = 0; i < _rawLength; i++)
                {
                    chars[i] = (char)_raw[i];
                }

                return new string(chars);
            }

            if (Policy == MeterIdPolicy.Pseudonymise)
            {
                _hmac.Compute(_raw, 0, _rawLength, _mac, 0);
                char[] hex = new char[PseudonymBytes * 2];
                for (int i = 0; i < PseudonymBytes; i++)
                {
                    hex[i * 2] = HexDigit(_mac[i] >> 4);
                    hex[(i * 2) + 1] = HexDigit(_mac[i] & 0xF);
                }

                return new string(hex);
            }

            return null;
        }

        private static char HexDigit(int nibble)
        {
            return (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }
    }
}
