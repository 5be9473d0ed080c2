#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>
    /// One device on an I2C-style bus. Never nanoFramework's I2cDevice itself: it is sealed to native code and
    /// cannot be faked, so chip drivers talk to this and are tested against register-level simulators.
    /// </summary>
    public interface IRegisterBus
    {
        /// <summary>Writes the bytes (none: the address alone, as a bus scan probes); false if the device did not
        /// acknowledge the whole transfer.</summary>
        bool Write(byte[] data);

        /// <summary>Reads as many bytes as <paramref name="data"/> holds, with no write before (a chip that answers
        /// a command in a later transfer, such as the SHT3x; a bus scan's probe); false if the device did not
        /// acknowledge its address or the transfer ended short.</summary>
        bool Read(byte[] data);

        /// <summary>Writes then reads in one transaction (repeated start); false on a partial or failed transfer.</summary>
        bool WriteRead(byte[] write, byte[] read);
    }
}
