// Declarations only (bodies throw): the part of nanoFramework.System.Device.I2c 1.1.29 the firmware calls.
// Confirmed in nanoframework/System.Device.I2c: System.Device.I2c/I2cDevice.cs, I2cConnectionSettings.cs,
// I2cBusSpeed.cs, I2cSharingMode.cs, I2cTransferResult.cs, I2cTransferStatus.cs. The 1.x line takes SpanByte
// (mscorlib 1.x has no Span<T>), where the 2.x previews take Span<byte>/ReadOnlySpan<byte>.
using System;

namespace System.Device.I2c
{
    public class I2cDevice : IDisposable
    {
        public I2cDevice(I2cConnectionSettings settings)
        {
            throw new NotImplementedException();
        }

        public static I2cDevice Create(I2cConnectionSettings settings)
        {
            throw new NotImplementedException();
        }

        public I2cTransferResult Read(SpanByte buffer)
        {
            throw new NotImplementedException();
        }

        public I2cTransferResult Write(SpanByte buffer)
        {
            throw new NotImplementedException();
        }

        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer)
        {
            throw new NotImplementedException();
        }

        public void Dispose()
        {
            throw new NotImplementedException();
        }
    }

    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed, I2cSharingMode sharingMode)
        {
            throw new NotImplementedException();
        }
    }

    public enum I2cBusSpeed
    {
        StandardMode,
        FastMode,
    }

    public enum I2cSharingMode
    {
        Exclusive,
        Shared,
    }

    public struct I2cTransferResult
    {
        public I2cTransferStatus Status
        {
            get { throw new NotImplementedException(); }
        }
    }

    public enum I2cTransferStatus
    {
        UnknownError,
        FullTransfer,
        ClockStretchTimeout,
        PartialTransfer,
        SlaveAddressNotAcknowledged,
    }
}
