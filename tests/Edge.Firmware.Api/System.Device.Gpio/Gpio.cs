// Declarations only (bodies throw): the part of nanoFramework.System.Device.Gpio 1.1.62 the firmware calls.
// Confirmed in nanoframework/System.Device.Gpio: System.Device.Gpio/GpioController.cs, GpioPin.cs, PinMode.cs,
// PinValue.cs, PinValueChangedEventArgs.cs; PinEventTypes in the same namespace (a [Flags] None/Rising/Falling enum).
using System;

namespace System.Device.Gpio
{
    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public sealed class GpioController : IDisposable
    {
        public GpioController()
        {
            throw new NotImplementedException();
        }

        public GpioPin OpenPin(int pinNumber, PinMode mode)
        {
            throw new NotImplementedException();
        }

        public void Dispose()
        {
            throw new NotImplementedException();
        }
    }

    public sealed class GpioPin : IDisposable
    {
        internal GpioPin()
        {
        }

        public TimeSpan DebounceTimeout
        {
            get { throw new NotImplementedException(); }
            set { throw new NotImplementedException(); }
        }

        public event PinValueChangedEventHandler ValueChanged
        {
            add { throw new NotImplementedException(); }
            remove { throw new NotImplementedException(); }
        }

        public PinValue Read()
        {
            throw new NotImplementedException();
        }

        public void Write(PinValue value)
        {
            throw new NotImplementedException();
        }

        public void Dispose()
        {
            throw new NotImplementedException();
        }
    }

    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    public readonly struct PinValue
    {
        public static PinValue High
        {
            get { throw new NotImplementedException(); }
        }

        public static PinValue Low
        {
            get { throw new NotImplementedException(); }
        }

        public static explicit operator int(PinValue value)
        {
            throw new NotImplementedException();
        }
    }

    [Flags]
    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2,
    }

    public class PinValueChangedEventArgs
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber)
        {
            throw new NotImplementedException();
        }

        public PinEventTypes ChangeType
        {
            get { throw new NotImplementedException(); }
        }
    }
}
