using System;
using System.Buffers;

namespace Edge.Host.Provisioning
{
    /// <summary>What a node id (and a meter id) may be when provisioning: a topic level (MQTT 3.1.1 section 4.7),
    /// and also a folder name on every installer's system and part of the MQTT client id, so a narrower set.</summary>
    public static class NodeIdentity
    {
        /// <summary>MQTT 3.1.1 section 3.1.3.1: a server must allow client ids of 1 to 23 bytes and may refuse longer
        /// ones; the node id is the node's client id, so it is kept within that. ('-' and '_' are beyond the letters
        /// and digits that clause guarantees; the brokers the project runs against, mosquitto and MQTTnet, take them.)</summary>
        public const int MaxLength = 23;

        public const string IdRule = "1 to 23 letters, digits, '-' or '_', starting with a letter or digit";

        private static readonly SearchValues<char> Allowed =
            SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

        public static bool IsId(string? id) =>
            !string.IsNullOrEmpty(id) && id.Length <= MaxLength && char.IsAsciiLetterOrDigit(id[0]) && id.AsSpan().IndexOfAnyExcept(Allowed) < 0;
    }
}
