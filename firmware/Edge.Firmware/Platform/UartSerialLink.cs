using System;
using System.IO.Ports;
using Edge.Core.Platform;
using nanoFramework.Hardware.Esp32;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="ISerialLink"/> on an ESP32 UART (System.IO.Ports.SerialPort). The UART's pins are routed with
    /// Configuration.SetPinFunction first, as the ESP32 GPIO matrix lets any free pin carry any UART signal. COM1 is
    /// the nanoFramework debug port and is refused. Reads never block: only the bytes already received
    /// (BytesToRead) are taken, since SerialPort.Read throws a TimeoutException when nothing arrived.
    /// For RS-485 the port runs in SerialMode.RS485, where the UART raises RTS while it sends: RTS is routed to the
    /// transceiver's driver-enable pin (DE and /RE tied together). The receive signal can be inverted by the UART
    /// (SerialPort.InvertSignalLevels, a nanoFramework-only property), which a DSMR P1 port wired straight to the
    /// RX pin needs (hardware/wiring/p1.md option A).
    /// </summary>
    public sealed class UartSerialLink : IInvertibleSerialLink
    {
        private readonly SerialPort _port;
        private readonly bool _rs485;
        private bool _invert;

        /// <summary>UART <paramref name="comPort"/> (2 or 3) on GPIO <paramref name="rxPin"/> and
        /// <paramref name="txPin"/> (-1 for a receive-only line such as TIC, whose TX is then left unrouted); with <paramref name="rs485DirectionPin"/> 0 or above, an RS-485 half-duplex
        /// line whose transceiver direction follows RTS on that pin; -1 for a plain UART.</summary>
        public UartSerialLink(int comPort, int rxPin, int txPin, int rs485DirectionPin)
        {
            switch (comPort)
            {
                case 2:
                    Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
                    if (txPin >= 0)
                    {
                        Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
                    }

                    if (rs485DirectionPin >= 0)
                    {
                        Configuration.SetPinFunction(rs485DirectionPin, DeviceFunction.COM2_RTS);
                    }

                    break;
                case 3:
                    Configuration.SetPinFunction(rxPin, DeviceFunction.COM3_RX);
                    if (txPin >= 0)
                    {
                        Configuration.SetPinFunction(txPin, DeviceFunction.COM3_TX);
                    }

                    if (rs485DirectionPin >= 0)
                    {
                        Configuration.SetPinFunction(rs485DirectionPin, DeviceFunction.COM3_RTS);
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException("comPort", "COM2 or COM3: COM1 is the debug port");
            }

            _rs485 = rs485DirectionPin >= 0;
            _port = new SerialPort(comPort == 2 ? "COM2" : "COM3");
        }

        /// <summary>Bytes received and handed to the driver since start. SerialPort reports no UART overrun: a byte
        /// lost there shows as a frame the protocol decoder refuses, which the decoder counts.</summary>
        public long BytesRead { get; private set; }

        /// <summary>Opens (or re-opens) the line with the driver's settings: 7E1 for TIC (Enedis-NOI-CPT_54E), 8N1
        /// for DSMR P1 and most Modbus RTU meters.</summary>
        public void Open(int baudRate, int dataBits, SerialParity parity, int stopBits)
        {
            if (_port.IsOpen)
            {
                _port.Close();
            }

            _port.BaudRate = baudRate;
            _port.DataBits = dataBits;
            _port.Parity = ParityOf(parity);
            _port.StopBits = stopBits == 2 ? StopBits.Two : StopBits.One;
            _port.Mode = _rs485 ? SerialMode.RS485 : SerialMode.Normal;
            if (_invert)
            {
                // Set while the port is closed: a target whose driver cannot change it on an open port throws
                // InvalidOperationException (System.IO.Ports SerialPort.cs). Left untouched on a line that is not
                // inverted, as a target without the feature throws NotSupportedException on any access.
                _port.InvertSignalLevels = true;
            }

            _port.Open();
        }

        /// <summary>Inverts the receive signal from the next <see cref="Open"/> on; false, and the line left as it is,
        /// when the target's UART cannot (SerialPort.InvertSignalLevels throws NotSupportedException).</summary>
        public bool InvertRx(bool invert)
        {
            if (invert == _invert)
            {
                return true;
            }

            bool open = _port.IsOpen;
            if (open)
            {
                _port.Close();
            }

            try
            {
                _port.InvertSignalLevels = invert;
                _invert = invert;
                return true;
            }
            catch (NotSupportedException)
            {
                return false;
            }
            finally
            {
                if (open)
                {
                    _port.Open();
                }
            }
        }

        /// <summary>Copies up to <paramref name="count"/> of the bytes already received; 0 if none.</summary>
        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0)
            {
                return 0;
            }

            int read = _port.Read(buffer, offset, available < count ? available : count);
            BytesRead += read;
            return read;
        }

        /// <summary>Sends the bytes.</summary>
        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        private static Parity ParityOf(SerialParity parity)
        {
            switch (parity)
            {
                case SerialParity.Even:
                    return Parity.Even;
                case SerialParity.Odd:
                    return Parity.Odd;
                default:
                    return Parity.None;
            }
        }
    }
}
