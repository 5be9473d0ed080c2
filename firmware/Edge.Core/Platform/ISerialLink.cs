// A UART as a driver sees it: the line settings (parity) and the non-blocking link.
#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>Parity of a serial line. TIC uses Even with 7 data bits; DSMR 4/5 and Modbus RTU mostly None.</summary>
    public enum SerialParity : byte
    {
        /// <summary>No parity bit.</summary>
        None = 0,

        /// <summary>A parity bit that makes the number of ones in the character, parity included, odd.</summary>
        Odd = 1,

        /// <summary>A parity bit that makes the number of ones in the character, parity included, even (TIC:
        /// Enedis-NOI-CPT_02E and _54E, 7E1).</summary>
        Even = 2,
    }

    /// <summary>
    /// A UART, seen by a driver. Reads never block: a driver polls what arrived since the last call.
    /// </summary>
    public interface ISerialLink
    {
        /// <summary>Opens (or re-opens) the line with the given settings, e.g. 1200 baud, 7 data bits, even parity, 1 stop bit.</summary>
        void Open(int baudRate, int dataBits, SerialParity parity, int stopBits);

        /// <summary>Copies up to <paramref name="count"/> received bytes into the caller's buffer; returns how many (0 if none).</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Sends bytes (Modbus requests, DSMR data-request line).</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
