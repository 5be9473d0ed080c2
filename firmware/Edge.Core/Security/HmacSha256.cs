#nullable disable
using System;

namespace Edge.Core.Security
{
    /// <summary>HMAC-SHA256 (RFC 2104), a keyed hash: without the key, the input cannot be recovered or tested.</summary>
    public sealed class HmacSha256
    {
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _innerPad = new byte[Sha256.BlockSize];
        private readonly byte[] _outerPad = new byte[Sha256.BlockSize];
        private readonly byte[] _innerHash = new byte[Sha256.HashSize];

        /// <summary>Creates an HMAC-SHA256 with the given key (required, not empty).</summary>
        public HmacSha256(byte[] key)
        {
            if (key == null || key.Length == 0)
            {
                throw new ArgumentException("an HMAC key is required", "key");
            }

            byte[] k = new byte[Sha256.BlockSize];
            if (key.Length > Sha256.BlockSize)
            {
                // RFC 2104 section 2: keys longer than a block are hashed first.
                _sha.Update(key, 0, key.Length);
                _sha.Final(k, 0);
            }
            else
            {
                Array.Copy(key, k, key.Length);
            }

            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                _innerPad[i] = (byte)(k[i] ^ 0x36);
                _outerPad[i] = (byte)(k[i] ^ 0x5c);
            }
        }

        /// <summary>Writes the 32-byte MAC of the data.</summary>
        public void Compute(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            _sha.Update(_innerPad, 0, _innerPad.Length);
            _sha.Update(data, offset, count);
            _sha.Final(_innerHash, 0);
            _sha.Update(_outerPad, 0, _outerPad.Length);
            _sha.Update(_innerHash, 0, _innerHash.Length);
            _sha.Final(output, outputOffset);
        }
    }
}
