using System.Device.Gpio;
using Edge.Core.Platform;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// <see cref="IDigitalOutput"/> on a GPIO pin driving a relay, contactor or LED (GpioPin.Write). Boards whose
    /// relay driver energises on a low level (most opto-isolated relay modules) are <paramref name="activeLow"/>.
    /// The pin is driven to "off" as soon as it is opened, so a reboot never leaves a load switched on by accident.
    /// </summary>
    public sealed class GpioDigitalOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;
        private readonly bool _activeLow;
        private bool _on;

        /// <summary>Opens GPIO <paramref name="pinNumber"/> as a push-pull output, released (off).</summary>
        public GpioDigitalOutput(GpioController controller, int pinNumber, bool activeLow)
        {
            _activeLow = activeLow;
            _pin = controller.OpenPin(pinNumber, PinMode.Output);
            Set(false);
        }

        /// <summary>True while the output is energised.</summary>
        public bool IsOn
        {
            get { return _on; }
        }

        /// <summary>Energises (true) or releases (false) the output at once.</summary>
        public void Set(bool on)
        {
            _pin.Write(on != _activeLow ? PinValue.High : PinValue.Low);
            _on = on;
        }
    }
}
