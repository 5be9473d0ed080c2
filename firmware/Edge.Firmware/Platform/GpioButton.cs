using System.Device.Gpio;
using Edge.Core.Platform;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="IDigitalInput"/> on a GPIO pin wired to a push button to ground, as the ESP32 boards' BOOT button
    /// (GPIO0) is: the internal pull-up holds the line high, a press pulls it low. Read by polling (GpioPin.Read): a
    /// press held for seconds needs no interrupt.
    /// </summary>
    public sealed class GpioButton : IDigitalInput
    {
        private readonly GpioPin _pin;

        /// <summary>Opens GPIO <paramref name="pinNumber"/> as an input, with its pull-up when <paramref name="pullUp"/>
        /// (GPIO34 to 39 have none: the board's resistor holds the line there).</summary>
        public GpioButton(GpioController controller, int pinNumber, bool pullUp)
        {
            _pin = controller.OpenPin(pinNumber, pullUp ? PinMode.InputPullUp : PinMode.Input);
        }

        /// <summary>True while the button is pressed (the line low).</summary>
        public bool IsActive
        {
            get { return (int)_pin.Read() == 0; }
        }
    }
}
