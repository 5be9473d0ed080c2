using System.Device.Gpio;
using Edge.Core.Platform;

namespace Edge.Host.Gateway
{
    /// <summary><see cref="IDigitalInput"/> on a GPIO line: a button to ground, pulled up where the driver can,
    /// active when low.</summary>
    public sealed class GpioInput : IDigitalInput
    {
        private readonly GpioController _gpio;
        private readonly int _pin;

        public GpioInput(GpioController gpio, int pin)
        {
            _gpio = gpio;
            _pin = pin;
            gpio.OpenPin(pin, gpio.IsPinModeSupported(pin, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input);
        }

        public bool IsActive => _gpio.Read(_pin) == PinValue.Low;
    }
}
