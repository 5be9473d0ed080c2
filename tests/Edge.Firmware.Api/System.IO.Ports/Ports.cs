// Declarations only (bodies throw): the part of nanoFramework.System.IO.Ports 1.1.139 the firmware calls.
// Confirmed in nanoframework/System.IO.Ports: System.IO.Ports/SerialPort.cs, Parity.cs, StopBits.cs, SerialMode.cs.
using System;

namespace System.IO.Ports
{
    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One)
        {
            throw new NotImplementedException();
        }

        public int BaudRate
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public int DataBits
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public Parity Parity
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public StopBits StopBits
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public SerialMode Mode
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public bool InvertSignalLevels
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public bool IsOpen
        {
            get { throw new NotImplementedException(); }
        }

        public int BytesToRead
        {
            get { throw new NotImplementedException(); }
        }

        public void Open()
        {
            throw new NotImplementedException();
        }

        public void Close()
        {
            throw new NotImplementedException();
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            throw new NotImplementedException();
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            throw new NotImplementedException();
        }

        public void Dispose()
        {
            throw new NotImplementedException();
        }
    }

    public enum Parity
    {
        None = 0,
        Odd = 1,
        Even = 2,
    }

    public enum StopBits
    {
        One = 1,
        Two = 2,
        OnePointFive = 3,
    }

    public enum SerialMode
    {
        Normal,
        RS485,
    }
}
