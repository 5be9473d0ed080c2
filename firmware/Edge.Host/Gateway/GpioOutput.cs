using System.Device.Gpio;
using Edge.Core.Platform;

namespace Edge.Host.Gateway
{
    /// <summary><see cref="IDigitalOutput"/> on a GPIO line: active high, low (off) when opened.</summary>
    public sealed class GpioOutput : IDigitalOutput
    {
        private readonly GpioController _gpio;
        private readonly int _pin;

        public GpioOutput(GpioController gpio, int pin)
        {
            _gpio = gpio;
            _pin = pin;
            gpio.OpenPin(pin, PinMode.Output, PinValue.Low);
        }

        public bool IsOn { get; private set; }

        public void Set(bool on)
        {
            _gpio.Write(_pin, on ? PinValue.High : PinValue.Low);
            IsOn = on;
        }
    }
}
