#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>
    /// A UART that can invert its receive line itself (the ESP32's can: nanoFramework's
    /// <c>SerialPort.InvertSignalLevels</c>), so that an inverted signal such as the open-collector data of a DSMR P1
    /// port needs no inverter on the board. A serial link implements it besides <see cref="ISerialLink"/> when its
    /// platform offers it.
    /// </summary>
    public interface IInvertibleSerialLink : ISerialLink
    {
        /// <summary>Inverts (true) or restores (false) the receive signal levels, for the next <see cref="ISerialLink.Open"/>
        /// and after; false when this target cannot.</summary>
        bool InvertRx(bool invert);
    }
}
